import { AppError } from '../../errors.js';

export type ProviderFailure = 'rate-limited' | 'unavailable' | 'unauthorized' | 'not-found' | 'bad-response';

/**
 * A provider call that failed. The message names the provider, the symbol and the HTTP status
 * only: never a URL or header, which may carry an API key.
 */
export class ProviderError extends AppError {
  readonly failure: ProviderFailure;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(options: {
    provider: string;
    symbol: string;
    failure: ProviderFailure;
    status?: number | undefined;
    retryAfterMs?: number | undefined;
  }) {
    const what = `${options.provider} ${options.failure}${options.status ? ` (HTTP ${options.status})` : ''} for ${options.symbol}`;
    super({
      code: `market-data-${options.failure}`,
      category: options.failure === 'not-found' ? 'user' : 'upstream',
      message: what,
      userMessage:
        options.failure === 'not-found'
          ? `${options.provider} has no bars for ${options.symbol}.`
          : `${options.provider} did not answer for ${options.symbol} (${options.failure}); I used the bars already stored.`,
      details: { provider: options.provider, symbol: options.symbol, status: options.status },
    });
    this.failure = options.failure;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }

  /** Worth trying again after a pause. */
  get transient(): boolean {
    return this.failure === 'rate-limited' || this.failure === 'unavailable';
  }
}

export function failureOfStatus(status: number | undefined): ProviderFailure {
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === undefined || status >= 500 || status === 408) return 'unavailable';
  return 'bad-response';
}

/** Parses a Retry-After header: seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
