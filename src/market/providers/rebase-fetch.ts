/**
 * A fetch for clients that take a fetch override but no base URL (yahoo-finance2, Alpaca): the
 * request's origin is replaced by `baseUrl` (tests, a proxy), and the Retry-After of the last
 * refused response is kept, since those clients drop response headers from their errors.
 */
export function createRebasedFetch(baseUrl: string | undefined): {
  fetch: typeof fetch;
  lastRetryAfter: () => string | null;
} {
  let retryAfter: string | null = null;
  const target = baseUrl?.replace(/\/+$/, '');
  const rebased: typeof fetch = async (input, init) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = target ? target + raw.replace(/^https?:\/\/[^/]+/, '') : raw;
    const response = await fetch(url, init);
    retryAfter = response.ok ? null : response.headers.get('retry-after');
    return response;
  };
  return { fetch: rebased, lastRetryAfter: () => retryAfter };
}
