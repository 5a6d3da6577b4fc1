import type { Bar } from '../types.js';

/** The rolling windows whose highs and lows are levels: a month, a quarter and a year of daily bars. */
export const EXTREME_WINDOWS = [20, 60, 250] as const;

/**
 * A rolling high or low. `window` is the longest standard window it is the extreme of; `reach`
 * says how far back it really holds (the high is the highest of the last `reach` bars), so a
 * fresh multi-month high is told apart from a 20-bar high even before it becomes a swing.
 */
export interface RollingExtreme {
  kind: 'high' | 'low';
  price: number;
  /** Open time of the bar that made it. */
  ts: number;
  window: number;
  reach: number;
  /** True when `reach` ran into the start of the history, so it may hold further back still. */
  reachCapped: boolean;
  /** Bars since the bar that made it (0 = the last bar). */
  age: number;
}

function extremeIndex(bars: readonly Bar[], from: number, kind: 'high' | 'low'): number {
  let best = from;
  for (let i = from + 1; i < bars.length; i++) {
    const bar = bars[i];
    const current = bars[best];
    if (!bar || !current) continue;
    if (kind === 'high' ? bar.high >= current.high : bar.low <= current.low) best = i;
  }
  return best;
}

/** Bars back from the last bar over which the extreme at `index` is not exceeded. */
function reachOf(
  bars: readonly Bar[],
  index: number,
  kind: 'high' | 'low',
): { reach: number; capped: boolean } {
  const price = kind === 'high' ? bars[index]?.high : bars[index]?.low;
  if (price === undefined) return { reach: 0, capped: false };
  for (let i = index - 1; i >= 0; i--) {
    const bar = bars[i];
    if (!bar) continue;
    if (kind === 'high' ? bar.high > price : bar.low < price)
      return { reach: bars.length - 1 - i, capped: false };
  }
  return { reach: bars.length, capped: true };
}

/**
 * The highs and lows of the 20-, 60- and 250-bar windows that the history covers, one entry per
 * distinct extreme (a 20-bar high that is also the 250-bar high appears once, as the 250-bar
 * high). Pure; `round` rounds the prices as the rest of the snapshot does.
 */
export function rollingExtremes(bars: readonly Bar[], round: (price: number) => number): RollingExtreme[] {
  const out: RollingExtreme[] = [];
  for (const kind of ['high', 'low'] as const) {
    const seen = new Map<number, RollingExtreme>();
    for (const window of EXTREME_WINDOWS) {
      if (bars.length < window) break;
      const index = extremeIndex(bars, bars.length - window, kind);
      const bar = bars[index];
      if (!bar) continue;
      const existing = seen.get(index);
      if (existing) {
        existing.window = window;
        continue;
      }
      const { reach, capped } = reachOf(bars, index, kind);
      const extreme: RollingExtreme = {
        kind,
        price: round(kind === 'high' ? bar.high : bar.low),
        ts: bar.ts,
        window,
        reach,
        reachCapped: capped,
        age: bars.length - 1 - index,
      };
      seen.set(index, extreme);
      out.push(extreme);
    }
  }
  return out;
}
