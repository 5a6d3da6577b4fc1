import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { etMidnight, type FixtureTimeframe, type MarketFixture, sendJson } from './market-fixture.js';

const FRAMES: Record<string, FixtureTimeframe> = {
  '1Day': '1d',
  '1Hour': '1h',
  '15Min': '15m',
  '5Min': '5m',
};

/**
 * A local server speaking Alpaca's market data API v2 (`GET /v2/stocks/bars?symbols=...`):
 * `{ bars: { SYM: [{ t, o, h, l, c, v, n, vw }] }, next_page_token, currency }`, pages of
 * `pageSize` bars chained by `page_token`, the APCA-API-KEY-ID/SECRET-KEY headers checked
 * (403 `{ message: "forbidden." }` otherwise) and `{ message }` error bodies.
 */
export async function startAlpacaDataServer(
  fixture: MarketFixture,
  options: { keyId: string; secret: string; pageSize?: number },
): Promise<{ url: string; close(): Promise<void> }> {
  const pageSize = options.pageSize ?? 1_000;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const failure = fixture.take(req, url);
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
      return sendJson(
        res,
        failure.status,
        { message: failure.status === 429 ? 'too many requests.' : 'internal server error' },
        headers,
      );
    }
    if (
      req.headers['apca-api-key-id'] !== options.keyId ||
      req.headers['apca-api-secret-key'] !== options.secret
    ) {
      return sendJson(res, 403, { message: 'forbidden.' });
    }
    const timeframe = FRAMES[url.searchParams.get('timeframe') ?? ''];
    const symbols = (url.searchParams.get('symbols') ?? '').split(',').filter(Boolean);
    if (url.pathname !== '/v2/stocks/bars' || !timeframe || symbols.length === 0) {
      return sendJson(res, 422, { message: 'invalid request' });
    }
    const from = Date.parse(url.searchParams.get('start') ?? '1970-01-01T00:00:00Z');
    const to = Date.parse(url.searchParams.get('end') ?? new Date(fixture.now()).toISOString());
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 1_000), pageSize);
    const offset = Number(
      Buffer.from(url.searchParams.get('page_token') ?? 'MA==', 'base64').toString('utf8'),
    );
    const all = symbols.flatMap((symbol) =>
      fixture.unknown.has(symbol)
        ? []
        : fixture.bars(symbol, timeframe, from, to + 1).map((bar) => ({ symbol, bar })),
    );
    const page = all.slice(offset, offset + limit);
    const bars: Record<string, unknown[]> = {};
    for (const { symbol, bar } of page) {
      (bars[symbol] ??= []).push({
        t: new Date(timeframe === '1d' ? etMidnight(bar.ts) : bar.ts).toISOString(),
        o: bar.open,
        h: bar.high,
        l: bar.low,
        c: bar.close,
        v: bar.volume,
        n: Math.round(bar.volume / 100),
        vw: (bar.high + bar.low + bar.close) / 3,
      });
    }
    const next = offset + limit < all.length ? Buffer.from(String(offset + limit)).toString('base64') : null;
    sendJson(res, 200, { bars, next_page_token: next, currency: 'USD' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
