import pRetry from 'p-retry';
import { ProviderError } from '../providers/index.js';

export interface BackoffSettings {
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  /** A Retry-After longer than this is not waited for: the call fails and the next run tries again. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffSettings = {
  retries: 4,
  minTimeoutMs: 500,
  maxTimeoutMs: 15_000,
  maxRetryAfterMs: 60_000,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `fn`, retrying rate limits and provider outages with exponential backoff (p-retry) and
 * waiting out a Retry-After first; anything else (unknown symbol, bad key) fails at once.
 */
export async function withBackoff<T>(
  fn: () => Promise<T>,
  settings: BackoffSettings,
  onRetry?: (info: { attempt: number; error: ProviderError; waitMs: number }) => void,
): Promise<T> {
  return pRetry(fn, {
    retries: settings.retries,
    minTimeout: settings.minTimeoutMs,
    maxTimeout: settings.maxTimeoutMs,
    randomize: true,
    shouldRetry: ({ error }) =>
      error instanceof ProviderError &&
      error.transient &&
      (error.retryAfterMs ?? 0) <= settings.maxRetryAfterMs,
    onFailedAttempt: async ({ error, attemptNumber }) => {
      if (!(error instanceof ProviderError) || !error.transient) return;
      const waitMs = Math.min(error.retryAfterMs ?? 0, settings.maxRetryAfterMs);
      onRetry?.({ attempt: attemptNumber, error, waitMs });
      if (waitMs > 0) await sleep(waitMs);
    },
  });
}
