import type { Bar } from '../market/types.js';
import type { Excursions } from './types.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Nominal length of a bar; months count 31 days so a fill late in a month stays in its bar. */
const SPAN: Record<string, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': DAY,
  '1w': 7 * DAY,
  '1M': 31 * DAY,
};

/** Length of one bar of a timeframe; undefined for a timeframe this does not know. */
export function timeframeSpan(timeframe: string): number | undefined {
  return SPAN[timeframe];
}

/** Typical spacing of the bars, so a fill inside a bar's span counts that bar. */
export function barSpan(bars: readonly Bar[], fallback = DAY): number {
  const gaps = bars
    .slice(1)
    .map((b, i) => b.ts - (bars[i]?.ts ?? b.ts))
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? fallback;
}

/** The bars whose span overlaps the holding period [openTs, closeTs]. */
export function barsHeld(bars: readonly Bar[], openTs: number, closeTs: number, span = barSpan(bars)): Bar[] {
  return bars.filter((b) => b.ts + span > openTs && b.ts <= closeTs);
}

/** How much of the holding period [openTs, closeTs] the held bars span. */
export function coverageOf(
  held: readonly Bar[],
  span: number,
  openTs: number,
  closeTs: number,
): Excursions['coverage'] {
  const first = held[0];
  const last = held[held.length - 1];
  if (!first || !last) return 'none';
  return first.ts <= openTs && last.ts + span > closeTs ? 'full' : 'partial';
}

/**
 * Maximum adverse and favourable excursion of a position over the bars it was held, in price,
 * in R (risk per share) and in ATR. With daily bars the entry and exit bars count whole, so the
 * figures can include moves from before the fill on the entry day: an upper bound, said so in
 * the review. The fill prices count too: they are prices the market traded at while the
 * position was open, so without bars they still give a (lower-bound) range.
 */
export function excursions(input: {
  side: 'long' | 'short';
  avgEntry: number;
  realisedPerShare: number;
  riskPerShare: number | null;
  atr: number | null;
  held: readonly Bar[];
  fillPrices: readonly number[];
  coverage: Excursions['coverage'];
}): Excursions {
  const { side, avgEntry, held } = input;
  const highs = [...held.map((b) => b.high), ...input.fillPrices, avgEntry];
  const lows = [...held.map((b) => b.low), ...input.fillPrices, avgEntry];
  const maxHigh = Math.max(...highs);
  const minLow = Math.min(...lows);
  const maePrice = side === 'long' ? Math.min(0, minLow - avgEntry) : Math.min(0, avgEntry - maxHigh);
  const mfePrice = side === 'long' ? Math.max(0, maxHigh - avgEntry) : Math.max(0, avgEntry - minLow);
  const inR = (v: number) => (input.riskPerShare ? v / input.riskPerShare : null);
  const inAtr = (v: number) => (input.atr ? v / input.atr : null);
  const bestExitR = inR(mfePrice);
  const realisedR = inR(input.realisedPerShare);
  return {
    maePrice,
    mfePrice,
    maeR: inR(maePrice),
    mfeR: inR(mfePrice),
    maeAtr: inAtr(maePrice),
    mfeAtr: inAtr(mfePrice),
    bestExitPrice: side === 'long' ? maxHigh : minLow,
    bestExitR,
    capturedPct: bestExitR && bestExitR > 0 && realisedR !== null ? (realisedR / bestExitR) * 100 : null,
    barsHeld: held.length,
    basis: held.length > 0 ? 'bars' : 'fills',
    coverage: input.coverage,
  };
}
