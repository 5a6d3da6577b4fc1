import { exchangeDate, sessionOn } from '../calendar/index.js';
import type { Bar } from '../types.js';
import type { IngestTimeframe } from './types.js';

const DAY_MS = 86_400_000;

/** A daily bar's `ts`: 00:00 UTC of its session date in the exchange's time zone (as CSV imports store it). */
export function dailyTs(instant: number): number {
  return Date.parse(`${exchangeDate(instant)}T00:00:00Z`);
}

/**
 * Keeps regular-session bars only (providers send pre- and post-market bars too) and puts daily
 * bars on their session date; drops bars with a missing or non-positive price.
 */
export function toSessionBars(bars: readonly Bar[], timeframe: IngestTimeframe): Bar[] {
  const out: Bar[] = [];
  for (const bar of bars) {
    if (![bar.open, bar.high, bar.low, bar.close].every((v) => Number.isFinite(v) && v > 0)) continue;
    if (timeframe === '1d') {
      out.push({ ...bar, ts: dailyTs(bar.ts + (bar.ts % DAY_MS === 0 ? 12 * 3_600_000 : 0)) });
      continue;
    }
    const session = sessionOn(exchangeDate(bar.ts));
    if (session && bar.ts >= session.open && bar.ts < session.close) out.push(bar);
  }
  const byTs = new Map(out.map((b) => [b.ts, b]));
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}
