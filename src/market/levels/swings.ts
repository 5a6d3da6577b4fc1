import type { Bar } from '../types.js';
import { roundPrice, roundTo } from './round.js';

export type SwingKind = 'high' | 'low';

export interface SwingPoint {
  index: number;
  ts: number;
  price: number;
  kind: SwingKind;
}

/**
 * Fractal swings: a bar whose high (low) beats the `k` bars on each side. Only confirmed swings
 * are returned, i.e. those with `k` bars after them, so a swing never disappears on the next bar.
 * The left side must be beaten strictly and the right side only matched, so a flat top of equal
 * highs yields one swing (its first bar), not none.
 */
export function findSwings(bars: readonly Bar[], k = 3, from = 0): SwingPoint[] {
  const swings: SwingPoint[] = [];
  const start = Math.max(k, from);
  for (let i = start; i < bars.length - k; i += 1) {
    const bar = bars[i];
    if (!bar) continue;
    let isHigh = true;
    let isLow = true;
    for (let j = 1; j <= k && (isHigh || isLow); j += 1) {
      const left = bars[i - j];
      const right = bars[i + j];
      if (!left || !right) return swings;
      if (!(bar.high > left.high && bar.high >= right.high)) isHigh = false;
      if (!(bar.low < left.low && bar.low <= right.low)) isLow = false;
    }
    if (isHigh) swings.push({ index: i, ts: bar.ts, price: bar.high, kind: 'high' });
    if (isLow) swings.push({ index: i, ts: bar.ts, price: bar.low, kind: 'low' });
  }
  return swings;
}

export type StructureBias = 'up' | 'down' | 'mixed' | 'unknown';

export interface Structure {
  /** From the last two swing highs and lows: HH+HL is up, LH+LL is down. */
  bias: StructureBias;
  /** -1 (only lower highs and lows) .. 1 (only higher highs and lows) over the recent swings. */
  score: number;
  higherHighs: number;
  lowerHighs: number;
  higherLows: number;
  lowerLows: number;
  lastHigh?: number;
  prevHigh?: number;
  lastLow?: number;
  prevLow?: number;
}

function steps(prices: readonly number[]): { up: number; down: number } {
  let up = 0;
  let down = 0;
  for (let i = 1; i < prices.length; i += 1) {
    const current = prices[i];
    const previous = prices[i - 1];
    if (current === undefined || previous === undefined) continue;
    if (current > previous) up += 1;
    else if (current < previous) down += 1;
  }
  return { up, down };
}

/**
 * Market structure over the last `count` swing highs and `count` swing lows. With `lastClose`,
 * a structure the price has since broken is not reported as intact: "higher lows" while the close
 * is below the last swing low (or "lower highs" above the last high) reads `mixed`.
 */
export function structureOf(swings: readonly SwingPoint[], count = 4, lastClose?: number): Structure {
  const highs = swings
    .filter((s) => s.kind === 'high')
    .slice(-count)
    .map((s) => s.price);
  const lows = swings
    .filter((s) => s.kind === 'low')
    .slice(-count)
    .map((s) => s.price);
  const h = steps(highs);
  const l = steps(lows);
  const pairs = Math.max(0, highs.length - 1) + Math.max(0, lows.length - 1);
  const structure: Structure = {
    bias: 'unknown',
    score: pairs > 0 ? (h.up - h.down + l.up - l.down) / pairs : 0,
    higherHighs: h.up,
    lowerHighs: h.down,
    higherLows: l.up,
    lowerLows: l.down,
  };
  const [prevHigh, lastHigh] = highs.slice(-2);
  const [prevLow, lastLow] = lows.slice(-2);
  if (prevHigh === undefined || lastHigh === undefined || prevLow === undefined || lastLow === undefined) {
    return structure;
  }
  Object.assign(structure, { lastHigh, prevHigh, lastLow, prevLow });
  if (lastHigh > prevHigh && lastLow > prevLow) structure.bias = 'up';
  else if (lastHigh < prevHigh && lastLow < prevLow) structure.bias = 'down';
  else structure.bias = 'mixed';
  if (lastClose !== undefined) {
    const broken =
      (structure.bias === 'up' && lastClose < lastLow) || (structure.bias === 'down' && lastClose > lastHigh);
    if (broken) structure.bias = 'mixed';
  }
  return structure;
}

/** A copy for snapshots: score to 4 decimals, swing prices rounded like other prices. */
export function roundedStructure(structure: Structure, reference: number): Structure {
  const out: Structure = { ...structure, score: roundTo(structure.score, 4) };
  for (const key of ['lastHigh', 'prevHigh', 'lastLow', 'prevLow'] as const) {
    const value = structure[key];
    if (value !== undefined) out[key] = roundPrice(value, reference);
  }
  return out;
}
