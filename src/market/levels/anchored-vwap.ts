import type { Bar } from '../types.js';

/**
 * Volume-weighted typical price from bar `from` through the last bar. Undefined when the span
 * has no volume (an index or FX feed without volume): a VWAP without volume would be a made-up
 * number.
 */
export function anchoredVwap(bars: readonly Bar[], from: number): number | undefined {
  let pv = 0;
  let volume = 0;
  for (let i = Math.max(0, from); i < bars.length; i += 1) {
    const bar = bars[i];
    if (!bar || !(bar.volume > 0)) continue;
    pv += ((bar.high + bar.low + bar.close) / 3) * bar.volume;
    volume += bar.volume;
  }
  return volume > 0 ? pv / volume : undefined;
}

/** Index of the first bar at or after `ts`, or -1 when none. */
export function firstIndexAtOrAfter(bars: readonly Bar[], ts: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((bars[mid]?.ts ?? Infinity) < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo < bars.length ? lo : -1;
}
