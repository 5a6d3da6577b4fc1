import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FinnhubCall {
  path: string;
  query: URLSearchParams;
  /** The key as sent in the X-Finnhub-Token header (or the `token` query parameter). */
  token: string | undefined;
  status: number;
}

export interface FinnhubCompany {
  news: Record<string, unknown>[];
  profile: Record<string, unknown>;
  metric: Record<string, unknown>;
}

export interface FakeFinnhub {
  /** API base to give the client, ending in /api/v1. */
  url: string;
  calls: FinnhubCall[];
  companies: Map<string, FinnhubCompany>;
  /** The next responses, in order, answer these statuses (429 with Retry-After `retryAfter` seconds). */
  failNext(statuses: number[], retryAfter?: number): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for finnhub.io/api/v1 answering /company-news (news between `from` and `to`,
 * dates inclusive), /stock/profile2 and /stock/metric in Finnhub's documented shapes: `{}` for an
 * unknown symbol, 401 `{"error":"Invalid API key"}` for a wrong key, 429 `{"error":"API limit reached..."}`.
 */
export async function startFakeFinnhub(apiKey: string): Promise<FakeFinnhub> {
  const calls: FinnhubCall[] = [];
  const failures: { status: number; retryAfter: number }[] = [];
  const companies = new Map<string, FinnhubCompany>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token =
      (req.headers['x-finnhub-token'] as string | undefined) ?? url.searchParams.get('token') ?? undefined;
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      calls.push({ path, query: url.searchParams, token, status });
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    if (token !== apiKey) return send(401, { error: 'Invalid API key' });
    const failure = failures.shift();
    if (failure)
      return failure.status === 429
        ? send(
            429,
            { error: 'API limit reached. Please try again later.' },
            { 'retry-after': String(failure.retryAfter) },
          )
        : send(failure.status, { error: 'Internal server error' });
    const symbol = (url.searchParams.get('symbol') ?? '').toUpperCase();
    const company = companies.get(symbol);
    if (path === '/company-news') {
      const from = Date.parse(`${url.searchParams.get('from')}T00:00:00Z`);
      const to = Date.parse(`${url.searchParams.get('to')}T23:59:59Z`);
      if (!Number.isFinite(from) || !Number.isFinite(to)) return send(422, { error: 'Wrong date format' });
      return send(
        200,
        (company?.news ?? []).filter((n) => {
          const ms = Number(n['datetime']) * 1000;
          return ms >= from && ms <= to;
        }),
      );
    }
    if (path === '/stock/profile2') return send(200, company?.profile ?? {});
    if (path === '/stock/metric')
      return send(200, company ? { ...company.metric, metricType: 'all', symbol } : {});
    return send(404, { error: 'Not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    calls,
    companies,
    failNext(statuses, retryAfter = 0) {
      for (const status of statuses) failures.push({ status, retryAfter });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
