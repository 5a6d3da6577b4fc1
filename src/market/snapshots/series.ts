import type { MarketRepository } from '../../db/index.js';
import { userError } from '../../errors.js';
import { bucketStart, canResample, resample } from '../data/index.js';
import { suggestSymbols } from '../symbols.js';
import { TIMEFRAMES, isTimeframe, type Bar, type Timeframe } from '../types.js';

/** Bars of a frame kept for features, levels and regime (EMA200 and a 750-bar HMM fit in it). */
export const FRAME_BARS = 1_000;
/** Stored bars read per build: enough for 1 000 weekly bars from daily ones. */
export const BASE_BARS = 5_000;

const INTRADAY = new Set<Timeframe>(['1m', '5m', '15m', '30m', '1h', '4h']);

export function isIntraday(timeframe: Timeframe): boolean {
  return INTRADAY.has(timeframe);
}

const FIXED_MS: Partial<Record<Timeframe, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

/** When the bar that opens at `ts` closes (epoch ms): weeks end on the next Monday, months on the 1st. */
export function barCloseTs(ts: number, timeframe: Timeframe): number {
  const fixed = FIXED_MS[timeframe];
  if (fixed !== undefined) return ts + fixed;
  const start = bucketStart(ts, timeframe);
  if (timeframe === '1w') return start + 7 * 86_400_000;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The stored timeframe to read: the target itself, else the highest lower one it can be built from. */
export function pickBase(stored: readonly Timeframe[], target: Timeframe): Timeframe | undefined {
  if (stored.includes(target)) return target;
  return [...TIMEFRAMES].reverse().find((tf) => stored.includes(tf) && canResample(tf, target));
}

/** The frame's bars from the stored base bars: resampled when needed, the last FRAME_BARS kept. */
export function frameBars(baseBars: readonly Bar[], base: Timeframe, timeframe: Timeframe): Bar[] {
  const series = timeframe === base ? [...baseBars] : resample(baseBars, base, timeframe);
  return series.slice(-FRAME_BARS);
}

/** Throws the user-facing "unknown symbol" error, with close matches, when `symbol` has no ticker. */
export async function requireTicker(market: MarketRepository, symbol: string) {
  const ticker = await market.getTicker(symbol);
  if (ticker) return ticker;
  const known = (await market.listTickers()).map((t) => t.symbol);
  const near = suggestSymbols(symbol, known);
  throw userError(
    'unknown-symbol',
    `I have no data for ${symbol}.${near.length ? ` Did you mean ${near.join(', ')}?` : ''} Import bars with \`buddy data import FILE.csv --symbol ${symbol}\`.`,
    { symbol, suggestions: near },
  );
}

/** The stored timeframe to build `timeframe` from; throws the user-facing error when there is none. */
export async function requireBase(
  market: MarketRepository,
  symbol: string,
  timeframe: Timeframe,
): Promise<Timeframe> {
  const stored = (await market.timeframesOf(symbol)).filter(isTimeframe);
  const base = pickBase(stored, timeframe);
  if (!base) {
    throw userError(
      'no-market-data',
      `There are no ${timeframe} bars for ${symbol} (stored: ${stored.join(', ') || 'none'}), and none of a lower timeframe to build them from.`,
      { symbol, timeframe },
    );
  }
  return base;
}
