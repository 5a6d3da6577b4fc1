import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { etMidnight, type FixtureTimeframe, type MarketFixture, sendJson } from './market-fixture.js';

const SPANS: Record<string, FixtureTimeframe> = {
  '1/day': '1d',
  '1/hour': '1h',
  '15/minute': '15m',
  '5/minute': '5m',
};

function toMs(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Date.parse(`${value}T00:00:00Z`);
}

/**
 * A local server speaking Polygon/Massive aggregates (`GET /v2/aggs/ticker/{sym}/range/{mult}/
 * {span}/{from}/{to}`): `{ ticker, adjusted, queryCount, resultsCount, results: [{ v, vw, o, c,
 * h, l, t, n }], status: "OK", request_id, next_url }` with `next_url` carrying a `cursor` (the
 * client appends `&apiKey=`), `apiKey` checked (401 "Unknown API Key"), `{ status: "ERROR",
 * error }` bodies for failures.
 */
export async function startPolygonServer(
  fixture: MarketFixture,
  options: { apiKey: string; pageSize?: number },
): Promise<{ url: string; close(): Promise<void> }> {
  const pageSize = options.pageSize ?? 5_000;
  let base = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const failure = fixture.take(req, url);
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
      const error =
        failure.status === 429 ? "You've exceeded the maximum requests per minute." : 'Internal error';
      return sendJson(res, failure.status, { status: 'ERROR', request_id: 'r1', error }, headers);
    }
    if (url.searchParams.get('apiKey') !== options.apiKey) {
      return sendJson(res, 401, { status: 'ERROR', request_id: 'r2', error: 'Unknown API Key' });
    }
    const m = /^\/v2\/aggs\/ticker\/([^/]+)\/range\/(\d+)\/(\w+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const timeframe = m ? SPANS[`${m[2]}/${m[3]}`] : undefined;
    if (!m?.[1] || !m[4] || !m[5] || !timeframe) {
      return sendJson(res, 400, { status: 'ERROR', request_id: 'r3', error: 'Could not parse the request' });
    }
    const symbol = decodeURIComponent(m[1]);
    const from = toMs(m[4]);
    const to = toMs(m[5]) + (/^\d+$/.test(m[5]) ? 1 : 86_400_000);
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    const all = fixture.unknown.has(symbol) ? [] : fixture.bars(symbol, timeframe, from, to);
    const page = all.slice(offset, offset + pageSize);
    const results = page.map((b) => ({
      v: b.volume,
      vw: (b.high + b.low + b.close) / 3,
      o: b.open,
      c: b.close,
      h: b.high,
      l: b.low,
      t: timeframe === '1d' ? etMidnight(b.ts) : b.ts,
      n: Math.round(b.volume / 100),
    }));
    const more = offset + pageSize < all.length;
    sendJson(res, 200, {
      ticker: symbol,
      queryCount: results.length,
      resultsCount: results.length,
      adjusted: url.searchParams.get('adjusted') !== 'false',
      results,
      status: 'OK',
      request_id: `r${offset}`,
      count: results.length,
      ...(more ? { next_url: `${base}${url.pathname}?cursor=${offset + pageSize}` } : {}),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return { url: base, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
