import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FixtureTimeframe, type MarketFixture, sendJson } from './market-fixture.js';

const INTERVALS: Record<string, FixtureTimeframe> = {
  '1d': '1d',
  '60m': '1h',
  '1h': '1h',
  '15m': '15m',
  '5m': '5m',
};

/**
 * A local server speaking Yahoo's chart API (`GET /v8/finance/chart/{symbol}`): `timestamp[]`,
 * `indicators.quote[0]` arrays, `events.splits` keyed by epoch seconds, and Yahoo's error
 * envelope `{ chart: { result: null, error: { code, description } } }`.
 */
export async function startYahooServer(
  fixture: MarketFixture,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const failure = fixture.take(req, url);
    if (failure) {
      const headers: Record<string, string> = failure.retryAfter ? { 'retry-after': failure.retryAfter } : {};
      return sendJson(res, failure.status, { chart: { result: null, error: null } }, headers);
    }
    const match = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname);
    const interval = INTERVALS[url.searchParams.get('interval') ?? '1d'];
    if (!match?.[1] || !interval) {
      return sendJson(res, 400, {
        chart: { result: null, error: { code: 'Bad Request', description: 'unsupported' } },
      });
    }
    const symbol = decodeURIComponent(match[1]);
    if (fixture.unknown.has(symbol)) {
      return sendJson(res, 404, {
        chart: {
          result: null,
          error: { code: 'Not Found', description: 'No data found, symbol may be delisted' },
        },
      });
    }
    const from = Number(url.searchParams.get('period1')) * 1000;
    const to = Number(url.searchParams.get('period2')) * 1000;
    const bars = fixture.bars(symbol, interval, from, to);
    const splits = (fixture.splits.get(symbol) ?? []).filter((s) => s.at >= from && s.at < to);
    const wantsSplits = (url.searchParams.get('events') ?? '').includes('split');
    const period = { timezone: 'EST', start: 0, end: 0, gmtoffset: -18_000 };
    sendJson(res, 200, {
      chart: {
        result: [
          {
            meta: {
              currency: 'USD',
              symbol,
              exchangeName: 'NMS',
              fullExchangeName: 'NasdaqGS',
              instrumentType: 'EQUITY',
              firstTradeDate: 345_479_400,
              regularMarketTime: Math.floor((bars.at(-1)?.ts ?? to) / 1000),
              hasPrePostMarketData: true,
              gmtoffset: -18_000,
              timezone: 'EST',
              exchangeTimezoneName: 'America/New_York',
              regularMarketPrice: bars.at(-1)?.close ?? 0,
              chartPreviousClose: bars[0]?.open ?? 0,
              priceHint: 2,
              currentTradingPeriod: { pre: period, regular: period, post: period },
              dataGranularity: url.searchParams.get('interval'),
              range: '',
              validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
            },
            timestamp: bars.map((b) => Math.floor(b.ts / 1000)),
            ...(wantsSplits && splits.length > 0
              ? {
                  events: {
                    splits: Object.fromEntries(
                      splits.map((s) => [
                        String(Math.floor(s.at / 1000)),
                        {
                          date: Math.floor(s.at / 1000),
                          numerator: s.ratio,
                          denominator: 1,
                          splitRatio: `${s.ratio}:1`,
                        },
                      ]),
                    ),
                  },
                }
              : {}),
            indicators: {
              quote: [
                {
                  open: bars.map((b) => b.open),
                  high: bars.map((b) => b.high),
                  low: bars.map((b) => b.low),
                  close: bars.map((b) => b.close),
                  volume: bars.map((b) => b.volume),
                },
              ],
              ...(interval === '1d' ? { adjclose: [{ adjclose: bars.map((b) => b.close) }] } : {}),
            },
          },
        ],
        error: null,
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
