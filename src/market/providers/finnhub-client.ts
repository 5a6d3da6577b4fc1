import pRetry, { AbortError } from 'p-retry';

/*
 * Written on fetch rather than with the `finnhub` npm package: that package (2.0.14) hard-codes
 * https://finnhub.io/api/v1 (it cannot be pointed at a proxy or a test server), sends the key as
 * a `token` query parameter (so it lands in access logs and error messages), and has no retry.
 * Finnhub documents the `X-Finnhub-Token` header, used here.
 */

export const FINNHUB_URL = 'https://finnhub.io/api/v1';
const TIMEOUT_MS = 15_000;
const MAX_RETRY_AFTER_MS = 60_000;

/** A Finnhub call that failed for good; the message names the endpoint and status, never the key. */
export class FinnhubError extends Error {
  override name = 'FinnhubError';
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

class RetryableError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

export interface FinnhubClientOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  fetch?: typeof fetch;
  /** Retries after the first attempt on 429, 5xx and network errors (default 2). */
  retries?: number;
  /** First backoff when the server gives no Retry-After (default 1 s, doubling). */
  backoffMs?: number;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type FinnhubClient = ReturnType<typeof createFinnhubClient>;

/** GETs Finnhub endpoints as JSON, retrying 429 (after its Retry-After) and 5xx with backoff. */
export function createFinnhubClient(options: FinnhubClientOptions) {
  const base = (options.baseUrl ?? FINNHUB_URL).replace(/\/+$/, '');
  const fetcher = options.fetch ?? fetch;

  async function get(path: string, query: Record<string, string>): Promise<unknown> {
    const url = `${base}${path}?${new URLSearchParams(query).toString()}`;
    return pRetry(
      async () => {
        let response: Response;
        try {
          response = await fetcher(url, {
            headers: { 'X-Finnhub-Token': options.apiKey, accept: 'application/json' },
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
        } catch {
          throw new RetryableError(`Finnhub ${path} could not be reached`, undefined, undefined);
        }
        if (response.status === 429 || response.status >= 500) {
          await response.body?.cancel();
          throw new RetryableError(
            `Finnhub ${path} answered ${response.status}${response.status === 429 ? ' (rate limit)' : ''}`,
            response.status,
            retryAfterMs(response.headers.get('retry-after')),
          );
        }
        if (!response.ok) {
          await response.body?.cancel();
          const why = response.status === 401 || response.status === 403 ? ': the API key was refused' : '';
          throw new AbortError(
            new FinnhubError(`Finnhub ${path} answered ${response.status}${why}`, response.status),
          );
        }
        try {
          return (await response.json()) as unknown;
        } catch {
          throw new AbortError(new FinnhubError(`Finnhub ${path} answered something that is not JSON`, 200));
        }
      },
      {
        retries: options.retries ?? 2,
        minTimeout: options.backoffMs ?? 1_000,
        factor: 2,
        randomize: true,
        onFailedAttempt: async ({ error }) => {
          if (error instanceof RetryableError && error.retryAfterMs !== undefined)
            await sleep(error.retryAfterMs);
        },
      },
    ).catch((error: unknown) => {
      if (error instanceof FinnhubError) throw error;
      if (error instanceof RetryableError)
        throw new FinnhubError(
          `${error.message}, still after ${(options.retries ?? 2) + 1} tries`,
          error.status,
        );
      throw new FinnhubError(`Finnhub ${path} failed`, undefined);
    });
  }

  return {
    /** GET /company-news: headlines about one symbol between two dates (YYYY-MM-DD). */
    companyNews: (symbol: string, from: string, to: string) => get('/company-news', { symbol, from, to }),
    /** GET /stock/profile2: name, industry, market capitalisation (millions). */
    profile: (symbol: string) => get('/stock/profile2', { symbol }),
    /** GET /stock/metric?metric=all: valuation, growth and margin figures. */
    metrics: (symbol: string) => get('/stock/metric', { symbol, metric: 'all' }),
  };
}
