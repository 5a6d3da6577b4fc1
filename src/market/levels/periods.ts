import type { Bar, Timeframe } from '../types.js';

export const DAY_MS = 86_400_000;

export type Cadence = 'intraday' | 'daily' | 'weekly' | 'monthly';

const CADENCE_OF: Record<Timeframe, Cadence> = {
  '1m': 'intraday',
  '5m': 'intraday',
  '15m': 'intraday',
  '30m': 'intraday',
  '1h': 'intraday',
  '4h': 'intraday',
  '1d': 'daily',
  '1w': 'weekly',
  '1M': 'monthly',
};

/**
 * The cadence of a series: from its timeframe when known, else from the median spacing of its
 * bars (the median, so weekends and holidays on daily bars do not read as weekly).
 */
export function cadenceOf(bars: readonly Bar[], timeframe?: Timeframe): Cadence {
  if (timeframe) return CADENCE_OF[timeframe];
  const gaps: number[] = [];
  for (let i = 1; i < bars.length; i += 1) {
    const a = bars[i - 1];
    const b = bars[i];
    if (a && b) gaps.push(b.ts - a.ts);
  }
  gaps.sort((x, y) => x - y);
  const median = gaps[Math.floor(gaps.length / 2)] ?? DAY_MS;
  if (median < DAY_MS / 2) return 'intraday';
  if (median <= 4 * DAY_MS) return 'daily';
  if (median <= 10 * DAY_MS) return 'weekly';
  return 'monthly';
}

export type AnchorPeriod = 'week' | 'month' | 'quarter' | 'year';

/**
 * The period an anchored VWAP restarts at, one step above the bars: an intraday trader watches
 * the week, a daily trader the month, a weekly trader the quarter, a monthly one the year.
 */
export const ANCHOR_PERIOD: Record<Cadence, AnchorPeriod> = {
  intraday: 'week',
  daily: 'month',
  weekly: 'quarter',
  monthly: 'year',
};

/** Start (epoch ms, UTC) of the period containing `ts`; weeks start on Monday. */
export function periodStart(ts: number, period: AnchorPeriod): number {
  const d = new Date(ts);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  switch (period) {
    case 'week': {
      const day = Math.floor(ts / DAY_MS);
      // 1970-01-01 was a Thursday: shift so that Monday is day 0 of the week.
      return (day - ((day + 3) % 7)) * DAY_MS;
    }
    case 'month':
      return Date.UTC(year, month, 1);
    case 'quarter':
      return Date.UTC(year, month - (month % 3), 1);
    case 'year':
      return Date.UTC(year, 0, 1);
  }
}

export interface PriorBar {
  ts: number;
  high: number;
  low: number;
  close: number;
}

/**
 * The bar before the last one; for intraday bars, the previous UTC day that has bars, aggregated
 * (highest high, lowest low, last close). Undefined when there is no such bar or day.
 */
export function priorBarOf(bars: readonly Bar[], cadence: Cadence): PriorBar | undefined {
  const last = bars[bars.length - 1];
  if (!last) return undefined;
  if (cadence !== 'intraday') {
    const prior = bars[bars.length - 2];
    return prior && { ts: prior.ts, high: prior.high, low: prior.low, close: prior.close };
  }
  const lastDay = Math.floor(last.ts / DAY_MS);
  let i = bars.length - 1;
  while (i >= 0 && Math.floor((bars[i]?.ts ?? 0) / DAY_MS) === lastDay) i -= 1;
  const closeBar = bars[i];
  if (!closeBar) return undefined;
  const day = Math.floor(closeBar.ts / DAY_MS);
  let high = -Infinity;
  let low = Infinity;
  for (; i >= 0; i -= 1) {
    const bar = bars[i];
    if (!bar || Math.floor(bar.ts / DAY_MS) !== day) break;
    high = Math.max(high, bar.high);
    low = Math.min(low, bar.low);
  }
  return { ts: day * DAY_MS, high, low, close: closeBar.close };
}

export interface Pivots {
  p: number;
  r1: number;
  r2: number;
  r3: number;
  s1: number;
  s2: number;
  s3: number;
}

/** Classic floor-trader pivots from one bar's high, low and close. */
export function floorPivots({ high, low, close }: { high: number; low: number; close: number }): Pivots {
  const p = (high + low + close) / 3;
  const range = high - low;
  return {
    p,
    r1: 2 * p - low,
    s1: 2 * p - high,
    r2: p + range,
    s2: p - range,
    r3: high + 2 * (p - low),
    s3: low - 2 * (high - p),
  };
}
