// The retry policy of the Anthropic SDK, restated for the fetch-based OpenAI-compatible client
// so both providers behave alike: same statuses, same backoff, same Retry-After handling.

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Milliseconds the server asked us to wait: `retry-after-ms`, else `retry-after` in seconds
 * or as an HTTP date. Undefined when absent, unparseable or not in the future.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms > 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return seconds > 0 ? seconds * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isFinite(date) && date > now ? date - now : undefined;
}

/** Exponential backoff from 0.5 s, capped at 8 s, minus up to 25 % jitter. */
export function backoffMs(retryIndex: number, random: () => number = Math.random): number {
  const seconds = Math.min(0.5 * 2 ** retryIndex, 8);
  return seconds * (1 - random() * 0.25) * 1000;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
