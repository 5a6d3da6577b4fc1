import type { Bar } from '../market/types.js';
import type { Excursions } from './types.js';

/** Typical spacing of the bars, so a fill inside a bar's span counts that bar. */
export function barSpan(bars: readonly Bar[]): number {
  const gaps = bars.slice(1).map((b, i) => b.ts - (bars[i]?.ts ?? b.ts)).sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 86_400_000;
}

/** The bars whose span overlaps the holding period [openTs, closeTs]. */
export function barsHeld(bars: readonly Bar[], openTs: number, closeTs: number): Bar[] {
  const span = barSpan(bars);
  return bars.filter((b) => b.ts + span > openTs && b.ts <= closeTs);
}

/**
 * Maximum adverse and favourable excursion of a position over the bars it was held, in price,
 * in R (risk per share) and in ATR. With daily bars the entry and exit bars count whole, so the
 * figures can include moves from before the fill on the entry day: an upper bound, said so in
 * the review.
 */
export function excursions(input: {
  side: 'long' | 'short';
  avgEntry: number;
  realisedPerShare: number;
  riskPerShare: number | null;
  atr: number | null;
  held: readonly Bar[];
}): Excursions {
  const { side, avgEntry, held } = input;
  const highs = held.map((b) => b.high);
  const lows = held.map((b) => b.low);
  const maxHigh = highs.length ? Math.max(...highs) : avgEntry;
  const minLow = lows.length ? Math.min(...lows) : avgEntry;
  const maePrice = side === 'long' ? Math.min(0, minLow - avgEntry) : Math.min(0, avgEntry - maxHigh);
  const mfePrice = side === 'long' ? Math.max(0, maxHigh - avgEntry) : Math.max(0, avgEntry - minLow);
  const inR = (v: number) => (input.riskPerShare ? v / input.riskPerShare : null);
  const inAtr = (v: number) => (input.atr ? v / input.atr : null);
  const bestExitR = inR(mfePrice);
  const realisedR = inR(input.realisedPerShare);
  return {
    maePrice, mfePrice, maeR: inR(maePrice), mfeR: inR(mfePrice), maeAtr: inAtr(maePrice), mfeAtr: inAtr(mfePrice),
    bestExitPrice: side === 'long' ? maxHigh : minLow,
    bestExitR,
    capturedPct: bestExitR && bestExitR > 0 && realisedR !== null ? (realisedR / bestExitR) * 100 : null,
    barsHeld: held.length,
  };
}
