import type { Bar, Timeframe } from '../types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DURATION_MS: Partial<Record<Timeframe, number>> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '4h': 4 * HOUR,
  '1d': DAY,
};

const RANK: Record<Timeframe, number> = {
  '1m': 0,
  '5m': 1,
  '15m': 2,
  '30m': 3,
  '1h': 4,
  '4h': 5,
  '1d': 6,
  '1w': 7,
  '1M': 8,
};

/** The start (UTC) of the bucket of `target` that contains `ts`. Weeks start on Monday. */
export function bucketStart(ts: number, target: Timeframe): number {
  const fixed = DURATION_MS[target];
  if (fixed !== undefined) return Math.floor(ts / fixed) * fixed;
  const d = new Date(ts);
  if (target === '1M') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const daysSinceMonday = (d.getUTCDay() + 6) % 7;
  return dayStart - daysSinceMonday * DAY;
}

export function canResample(from: Timeframe, to: Timeframe): boolean {
  return RANK[to] > RANK[from];
}

/** Aggregates sorted bars into a higher timeframe: first open, max high, min low, last close, summed volume. */
export function resample(bars: readonly Bar[], from: Timeframe, to: Timeframe): Bar[] {
  if (!canResample(from, to))
    throw new Error(`cannot resample ${from} bars to ${to}: the target must be a higher timeframe`);
  const out: Bar[] = [];
  let current: Bar | undefined;
  for (const bar of bars) {
    const start = bucketStart(bar.ts, to);
    if (current && current.ts === start) {
      current.high = Math.max(current.high, bar.high);
      current.low = Math.min(current.low, bar.low);
      current.close = bar.close;
      current.volume += bar.volume;
    } else {
      current = {
        ts: start,
        open: bar.open,
        high: bar.high,
        low: bar.low,
        close: bar.close,
        volume: bar.volume,
      };
      out.push(current);
    }
  }
  return out;
}
