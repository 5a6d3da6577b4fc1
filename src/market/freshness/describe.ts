import {
  exchangeDate,
  exchangeTime,
  lastClosedSession,
  openSession,
  sessionsBetween,
} from '../calendar/index.js';
import { isTimeframe, TIMEFRAMES, type Timeframe } from '../types.js';

const STEP_MS: Partial<Record<Timeframe, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
};

export interface FrameFreshness {
  timeframe: Timeframe;
  /** When the latest stored bar closes (epoch ms). */
  throughTs: number;
  stale: boolean;
  /** Sessions (daily) missing between the latest bar and the last closed session. */
  sessionsBehind: number;
}

export interface DataFreshness {
  frames: FrameFreshness[];
  /** e.g. "1d bars to 2026-12-04 close; 15m bars to 14:45 ET, delayed 15 min". */
  line: string;
  stale: boolean;
}

export interface FreshnessInput {
  /** Open time of the latest stored bar per timeframe (epoch ms). */
  latest: Partial<Record<string, number>>;
  now: number;
  /** The live provider, when one is configured. */
  source?: { label: string; delayMinutes: number } | undefined;
}

function dailyFreshness(ts: number, now: number): FrameFreshness & { text: string } {
  const date = new Date(ts).toISOString().slice(0, 10);
  const last = lastClosedSession(now);
  const behind =
    date >= last.date ? 0 : sessionsBetween(Date.parse(`${date}T12:00:00Z`) + 86_400_000, last.close).length;
  const stale = behind > 0;
  const text = `1d bars to ${date} close${stale ? ` (stale: ${behind.toLocaleString('en-US')} session${behind === 1 ? '' : 's'} behind the ${last.date} close)` : ''}`;
  return { timeframe: '1d', throughTs: Date.parse(`${date}T00:00:00Z`), stale, sessionsBehind: behind, text };
}

function intradayFreshness(
  timeframe: Timeframe,
  ts: number,
  now: number,
  delayMinutes: number,
): FrameFreshness & { text: string } {
  const step = STEP_MS[timeframe] ?? 0;
  const through = ts + step;
  const open = openSession(now);
  // The bar that should be in by now: the last one closed, allowing for the provider's delay.
  const expected = open
    ? Math.max(open.open, now - delayMinutes * 60_000 - step)
    : lastClosedSession(now).close;
  const stale = through < expected;
  const sameDay = exchangeDate(through - 1) === exchangeDate(now);
  const when = sameDay ? exchangeTime(through) : `${exchangeDate(through - 1)} ${exchangeTime(through)}`;
  const delay = delayMinutes > 0 && !stale && open ? `, delayed ${delayMinutes} min` : '';
  return {
    timeframe,
    throughTs: through,
    stale,
    sessionsBehind: 0,
    text: `${timeframe} bars to ${when}${delay}${stale ? ' (stale)' : ''}`,
  };
}

/**
 * How current the stored bars are, in one plain line, judged against the exchange calendar: a
 * daily series is stale when its last bar is older than the last closed session; an intraday
 * one when its last bar closed before the latest bar the provider could have delivered.
 */
export function describeFreshness(input: FreshnessInput): DataFreshness {
  const frames: (FrameFreshness & { text: string })[] = [];
  for (const timeframe of TIMEFRAMES) {
    const ts = input.latest[timeframe];
    if (ts === undefined || !isTimeframe(timeframe)) continue;
    if (timeframe === '1d') frames.push(dailyFreshness(ts, input.now));
    else if (STEP_MS[timeframe] !== undefined)
      frames.push(intradayFreshness(timeframe, ts, input.now, input.source?.delayMinutes ?? 0));
  }
  frames.sort((a, b) => (a.timeframe === '1d' ? -1 : b.timeframe === '1d' ? 1 : 0));
  const source = input.source ? `source ${input.source.label}` : 'source: imported data, no live provider';
  const line = frames.length
    ? `${frames.map((f) => f.text).join('; ')}; ${source}.`
    : `No bars stored; ${source}.`;
  return {
    frames: frames.map(({ text: _text, ...f }) => f),
    line,
    stale: frames.some((f) => f.stale),
  };
}
