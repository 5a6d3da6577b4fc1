import { exchangeDate, sessionOn, sessionsBetween } from '../calendar/index.js';
import type { IngestTimeframe } from '../providers/index.js';
import type { Bar } from '../types.js';

const DAY_MS = 86_400_000;
export const STEP_MS: Record<IngestTimeframe, number> = {
  '1d': DAY_MS,
  '1h': 3_600_000,
  '15m': 900_000,
  '5m': 300_000,
};

export type FetchPlan =
  | { kind: 'backfill'; timeframe: IngestTimeframe; from: number; to: number }
  | { kind: 'incremental'; timeframe: IngestTimeframe; from: number; to: number; overlapTs: number }
  | { kind: 'up-to-date'; timeframe: IngestTimeframe };

/** When the bar opening at `ts` closes: a daily bar at its session's close, an intraday bar one step later. */
export function barCloses(ts: number, timeframe: IngestTimeframe): number {
  if (timeframe !== '1d') return ts + STEP_MS[timeframe];
  return sessionOn(new Date(ts).toISOString().slice(0, 10))?.close ?? ts + DAY_MS;
}

/** When the bar after the one opening at `latestTs` closes, per the exchange calendar. */
export function nextBarCloses(latestTs: number, timeframe: IngestTimeframe): number {
  const date = timeframe === '1d' ? new Date(latestTs).toISOString().slice(0, 10) : exchangeDate(latestTs);
  const session = sessionOn(date);
  const step = STEP_MS[timeframe];
  if (timeframe !== '1d' && session && latestTs + 2 * step <= session.close) return latestTs + 2 * step;
  const next = sessionsBetween(
    Date.parse(`${date}T12:00:00Z`) + DAY_MS,
    Date.parse(`${date}T12:00:00Z`) + 15 * DAY_MS,
  )[0];
  if (!next) return Number.POSITIVE_INFINITY;
  return timeframe === '1d' ? next.close : Math.min(next.open + step, next.close);
}

/**
 * What to fetch for one symbol and timeframe. Nothing stored: the back-fill window. Bars stored:
 * from the latest stored bar (fetched again, so a split shows as a changed price) to now, unless
 * the next bar has not closed yet.
 */
export function planFetch(input: {
  timeframe: IngestTimeframe;
  latestTs: number | undefined;
  now: number;
  backfillDays: number;
}): FetchPlan {
  const { timeframe, latestTs, now } = input;
  if (latestTs === undefined)
    return { kind: 'backfill', timeframe, from: now - input.backfillDays * DAY_MS, to: now };
  if (nextBarCloses(latestTs, timeframe) > now) return { kind: 'up-to-date', timeframe };
  return { kind: 'incremental', timeframe, from: latestTs, to: now, overlapTs: latestTs };
}

/** Only bars that have closed by `now`: a provider's bar still forming would be stored half-made. */
export function closedBars(bars: readonly Bar[], timeframe: IngestTimeframe, now: number): Bar[] {
  return bars.filter((b) => barCloses(b.ts, timeframe) <= now);
}
