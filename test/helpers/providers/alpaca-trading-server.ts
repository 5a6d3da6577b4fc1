import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AlpacaCall {
  path: string;
  query: URLSearchParams;
  keyId: string | undefined;
  status: number;
}

export interface FakeAlpacaTrading {
  /** Trading API base to give the client (basePath), without /v2. */
  url: string;
  calls: AlpacaCall[];
  /** The account's activities, oldest first (the server pages and filters them as Alpaca does). */
  activities: Record<string, unknown>[];
  /** The next responses, in order, answer these statuses (429 with Retry-After `retryAfter` seconds). */
  failNext(statuses: number[], retryAfter?: number): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for Alpaca's trading API (paper-api.alpaca.markets), enough for
 * GET /v2/account/activities/{type}: key headers checked (401 `{"code":40110000,"message":...}`
 * otherwise), `after`, `direction`, `page_size` (default 100) and `page_token` (the id of the
 * last activity of the previous page), answered as a bare JSON array as Alpaca does.
 */
export async function startFakeAlpacaTrading(credentials: {
  keyId: string;
  secretKey: string;
}): Promise<FakeAlpacaTrading> {
  const calls: AlpacaCall[] = [];
  const failures: { status: number; retryAfter: number }[] = [];
  const state = { activities: [] as Record<string, unknown>[] };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const keyId = req.headers['apca-api-key-id'] as string | undefined;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      calls.push({ path: url.pathname, query: url.searchParams, keyId, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (keyId !== credentials.keyId || req.headers['apca-api-secret-key'] !== credentials.secretKey) {
      send(401, { code: 40110000, message: 'request is not authorized' });
      return;
    }
    const failure = failures.shift();
    if (failure) {
      send(
        failure.status,
        {
          code: failure.status === 429 ? 42910000 : 50010000,
          message: failure.status === 429 ? 'rate limit exceeded' : 'internal server error',
        },
        failure.status === 429 ? { 'retry-after': String(failure.retryAfter) } : {},
      );
      return;
    }
    const match = /^\/v2\/account\/activities\/([A-Z]+)$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      send(404, { code: 40410000, message: 'endpoint not found' });
      return;
    }
    const pageSize = Math.min(Number(url.searchParams.get('page_size') ?? 100), 100);
    const after = url.searchParams.get('after');
    const desc = url.searchParams.get('direction') !== 'asc';
    let list = state.activities.filter((a) => a['activity_type'] === match[1]);
    if (after) list = list.filter((a) => Date.parse(String(a['transaction_time'])) > Date.parse(after));
    if (desc) list = [...list].reverse();
    const token = url.searchParams.get('page_token');
    if (token) list = list.slice(list.findIndex((a) => a['id'] === token) + 1);
    send(200, list.slice(0, pageSize));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    get activities() {
      return state.activities;
    },
    set activities(list) {
      state.activities = list;
    },
    failNext(statuses, retryAfter = 0) {
      for (const status of statuses) failures.push({ status, retryAfter });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
