import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { sessionsBetween } from '../../../src/market/calendar/index.js';
import { mulberry32 } from '../../../src/market/data/index.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A bar as a provider holds it: `ts` is the instant the bar opens (daily: the session's 09:30 ET). */
export interface ProviderBar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export type FixtureTimeframe = '1d' | '1h' | '15m' | '5m';
const STEP_MS: Record<Exclude<FixtureTimeframe, '1d'>, number> = {
  '1h': 3_600_000,
  '15m': 900_000,
  '5m': 300_000,
};

/** Real daily bars shipped in ../shared/data/market/daily (Kaggle S&P 500, 2013-2017), when present. */
export const REAL_DAILY_DIR = join(import.meta.dirname, '../../../../shared/data/market/daily');

export function realDaily(symbol: string): ProviderBar[] | undefined {
  const file = join(REAL_DAILY_DIR, `${symbol}.csv`);
  if (!existsSync(file)) return undefined;
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const out: ProviderBar[] = [];
  for (const row of rows) {
    const [date, open, high, low, close, volume] = row.split(',');
    const bar = {
      ts: Date.parse(`${date}T14:30:00Z`),
      open: Number(open),
      high: Number(high),
      low: Number(low),
      close: Number(close),
      volume: Number(volume),
    };
    if ([bar.open, bar.high, bar.low, bar.close].every((v) => v > 0)) out.push(bar);
  }
  return out;
}

/**
 * What the local provider servers serve: per-symbol series (real CSV bars or a seeded walk over
 * the NYSE sessions up to `now`), splits applied the way providers adjust (prices before the
 * split divided by the ratio, volume multiplied), scripted failures, and a log of requests.
 */
export class MarketFixture {
  readonly requests: { path: string; query: Record<string, string>; headers: IncomingMessage['headers'] }[] =
    [];
  readonly failures: { status: number; retryAfter?: string }[] = [];
  readonly splits = new Map<string, { at: number; ratio: number }[]>();
  readonly series = new Map<string, ProviderBar[]>();
  /** Symbols the provider does not know. */
  readonly unknown = new Set<string>();

  constructor(readonly now: () => number = Date.now) {}

  /** Serves these raw (unadjusted) bars for `symbol` at `timeframe`. */
  set(symbol: string, timeframe: FixtureTimeframe, bars: ProviderBar[]): void {
    this.series.set(`${symbol}|${timeframe}`, bars);
  }

  split(symbol: string, at: number, ratio: number): void {
    this.splits.set(symbol, [...(this.splits.get(symbol) ?? []), { at, ratio }]);
  }

  /** Adjusted bars opening in [from, to), oldest first. */
  bars(symbol: string, timeframe: FixtureTimeframe, from: number, to: number): ProviderBar[] {
    const raw = this.series.get(`${symbol}|${timeframe}`) ?? this.generate(symbol, timeframe);
    const splits = this.splits.get(symbol) ?? [];
    return raw
      .filter((b) => b.ts >= from && b.ts < to && b.ts <= this.now())
      .map((b) => {
        const factor = splits.filter((s) => s.at > b.ts).reduce((f, s) => f * s.ratio, 1);
        return factor === 1
          ? b
          : {
              ts: b.ts,
              open: b.open / factor,
              high: b.high / factor,
              low: b.low / factor,
              close: b.close / factor,
              volume: b.volume * factor,
            };
      });
  }

  /** Takes the next scripted failure, recording the request either way. */
  take(req: IncomingMessage, url: URL): { status: number; retryAfter?: string } | undefined {
    this.requests.push({
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    });
    return this.failures.shift();
  }

  private generate(symbol: string, timeframe: FixtureTimeframe): ProviderBar[] {
    const seed = [...symbol].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    const rand = mulberry32(seed);
    // A week past `now`, so moving the clock forward shows new bars; bars after now() are not served.
    const end = this.now() + 7 * 86_400_000;
    const sessions = sessionsBetween(this.now() - (timeframe === '1d' ? 3 * 365 : 45) * 86_400_000, end);
    const out: ProviderBar[] = [];
    let price = 50 + (seed % 200);
    const push = (ts: number) => {
      const open = price;
      price = Math.max(1, price * (1 + (rand() - 0.5) * (timeframe === '1d' ? 0.04 : 0.01)));
      const high = Math.max(open, price) * (1 + rand() * 0.005);
      const low = Math.min(open, price) * (1 - rand() * 0.005);
      out.push({ ts, open, high, low, close: price, volume: Math.round(1e5 + rand() * 1e6) });
    };
    for (const session of sessions) {
      if (timeframe === '1d') push(session.open);
      else for (let ts = session.open; ts < session.close; ts += STEP_MS[timeframe]) push(ts);
    }
    this.series.set(`${symbol}|${timeframe}`, out);
    return out;
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Daily bars of Alpaca and Polygon are stamped at 00:00 America/New_York of the session date. */
export function etMidnight(ts: number): number {
  return dayjs(ts).tz('America/New_York').startOf('day').valueOf();
}
