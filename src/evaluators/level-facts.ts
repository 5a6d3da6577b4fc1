import type { ContextPack } from '../market/context/index.js';
import { allLevels, type KeyLevels, type LevelSource, type RollingExtreme } from '../market/levels/index.js';
import type { TradeIntent } from './intent.js';
import { riskPerShare } from './trade-math.js';

/** A key level with a trader-facing name and a rough weight (0-100) of how much it matters. */
export interface NamedLevel {
  price: number;
  source: LevelSource | 'ema20' | 'ema50';
  name: string;
  /** Short chart label in plain words, e.g. "prev day high", "3-touch level", "VWAP from month start". */
  short: string;
  significance: number;
}

const PERIOD_UNIT = { intraday: 'day', daily: 'day', weekly: 'week', monthly: 'month' } as const;

// Fixed weights for level kinds; clustered support/resistance carries its own 0-100 strength.
// Highs, lows and ranges are where orders rest; pivots are arithmetic and matter least.
const SIGNIFICANCE: Partial<Record<LevelSource, number>> = {
  'prior-high': 60,
  'prior-low': 60,
  'prior-close': 35,
  'range-high': 65,
  'range-low': 65,
  'avwap-swing-high': 50,
  'avwap-swing-low': 50,
  'avwap-period-start': 50,
  'pivot-p': 35,
  'pivot-r1': 30,
  'pivot-s1': 30,
  'pivot-r2': 25,
  'pivot-s2': 25,
  'pivot-r3': 20,
  'pivot-s3': 20,
};

/** Bars in a year per cadence, for naming an extreme that holds that far back. */
const BARS_A_YEAR = { intraday: undefined, daily: 250, weekly: 52, monthly: 12 } as const;

/**
 * How much a rolling high or low matters, by how far back it holds: a 20-bar high is where
 * this month's sellers sit (65, as before), a quarter's (60+ bars) 72, half a year's 78, a year's
 * or more 85. A fresh extreme (made in the last 5 bars) is the market's current edge and gets +3.
 */
export function extremeSignificance(extreme: RollingExtreme): number {
  const base = extreme.reach >= 250 ? 85 : extreme.reach >= 120 ? 78 : extreme.reach >= 60 ? 72 : 65;
  return Math.min(100, base + (extreme.age <= 5 ? 3 : 0));
}

/** "52-week high", "250-bar high", "60-bar low", "20-bar high": by how far back it holds. */
export function extremeName(extreme: RollingExtreme, cadence: KeyLevels['cadence']): string {
  const year = BARS_A_YEAR[cadence];
  if (year !== undefined && extreme.reach >= year && cadence === 'daily') return `52-week ${extreme.kind}`;
  const window = [250, 120, 60, 20].find((w) => extreme.reach >= w) ?? extreme.window;
  return `${Math.max(window, extreme.window)}-bar ${extreme.kind}`;
}

/** Every level of the snapshot with its name; support/resistance named with its touch count. */
export function namedLevels(levels: KeyLevels): NamedLevel[] {
  const unit = PERIOD_UNIT[levels.cadence];
  const lookback = levels.rollingRange?.lookback ?? 20;
  const period = levels.anchoredVwaps.find((a) => a.anchor === 'period-start')?.period ?? 'period';
  return allLevels(levels).map(({ price, source, extreme }): NamedLevel => {
    const named = (name: string, short: string): NamedLevel => ({
      price,
      source,
      name,
      short,
      significance: SIGNIFICANCE[source] ?? 25,
    });
    switch (source) {
      case 'prior-high':
        return named(`prior-${unit} high`, `prev ${unit} high`);
      case 'prior-low':
        return named(`prior-${unit} low`, `prev ${unit} low`);
      case 'prior-close':
        return named(`prior-${unit} close`, `prev ${unit} close`);
      case 'range-high':
      case 'range-low': {
        if (!extreme) {
          const kind = source === 'range-high' ? 'high' : 'low';
          return named(`${lookback}-bar ${kind}`, `${lookback}-bar ${kind}`);
        }
        const name = extremeName(extreme, levels.cadence);
        return { price, source, name, short: name, significance: extremeSignificance(extreme) };
      }
      case 'avwap-swing-high':
        return named('anchored VWAP from the last swing high', 'VWAP from swing high');
      case 'avwap-swing-low':
        return named('anchored VWAP from the last swing low', 'VWAP from swing low');
      case 'avwap-period-start':
        return named(`${period}-start anchored VWAP`, `VWAP from ${period} start`);
      case 'support':
      case 'resistance': {
        const sr = levels.supportResistance.find((l) => l.price === price && l.kind === source);
        const touches = sr?.touches ?? 1;
        // Named neutrally: computeKeyLevels calls it support or resistance from the last close, but
        // the same level can sit on either side of an entry or a stop.
        const name = touches === 1 ? 'single-touch swing level' : `${touches}-touch swing level`;
        return {
          price,
          source,
          name,
          short: `${touches}-touch level`,
          significance: sr?.strength ?? 40,
        };
      }
      default: {
        const key = source.slice('pivot-'.length).toUpperCase();
        return named(`pivot ${key}`, `Pivot ${key}`);
      }
    }
  });
}

export interface NearNamed extends NamedLevel {
  distance: number;
  distanceAtr: number;
}

/** The closest level at or below `price` (support) and at or above it (resistance). */
export function nearestNamed(
  levels: readonly NamedLevel[],
  price: number,
  atr: number,
): { support?: NearNamed; resistance?: NearNamed } {
  const out: { support?: NearNamed; resistance?: NearNamed } = {};
  for (const level of levels) {
    const distance = Math.abs(price - level.price);
    const near = { ...level, distance, distanceAtr: distance / atr };
    if (level.price <= price && (!out.support || level.price > out.support.price)) out.support = near;
    if (level.price >= price && (!out.resistance || level.price < out.resistance.price))
      out.resistance = near;
  }
  return out;
}

/** The primary frame's ATR14, or the snapshot's stand-in while ATR is not yet stable. */
export function atrOf(ctx: ContextPack): number | undefined {
  const atr = ctx.primary.latest.atr14 ?? ctx.levels.atr;
  return atr !== undefined && atr > 0 ? atr : undefined;
}

/** +1 for a long, -1 for a short: multiplies a price difference into "in the trade's favour". */
export function sideSign(intent: Pick<TradeIntent, 'side'>): 1 | -1 {
  return intent.side === 'long' ? 1 : -1;
}

/**
 * The share of the risk per share saved by entering at `price` instead of `intent.entry`, with
 * the same stop. Undefined without a stop or when `price` is not between the stop and the entry.
 */
export function riskCut(intent: TradeIntent, price: number): number | undefined {
  const risk = riskPerShare(intent.entry, intent.stop);
  if (intent.stop === undefined || risk === undefined) return undefined;
  const newRisk = sideSign(intent) * (price - intent.stop);
  if (newRisk <= 0 || newRisk >= risk) return undefined;
  return 1 - newRisk / risk;
}

export interface BetterEntry {
  price: number;
  name: string;
  /** How much nearer the stop, in ATR. */
  improvementAtr: number;
  /** Fraction of the risk per share saved (0-1), when there is a stop. */
  riskCut?: number;
}

/**
 * A nearby price where the idea would enter at a level instead of above (long) or below (short)
 * it: the nearest level or EMA at least `minAtr` better than the entry, at most `maxAtr` away,
 * and leaving at least `stopRoomAtr` between it and the stop.
 */
export function betterEntry(
  intent: TradeIntent,
  ctx: ContextPack,
  atr: number,
  options: { minAtr?: number; maxAtr?: number; stopRoomAtr?: number; minSignificance?: number } = {},
): BetterEntry | undefined {
  const { minAtr = 0.25, maxAtr = 2.5, stopRoomAtr = 0.3, minSignificance = 40 } = options;
  const s = sideSign(intent);
  const candidates: { price: number; name: string }[] = namedLevels(ctx.levels)
    .filter((l) => l.significance >= minSignificance)
    .map((l) => ({ price: l.price, name: l.name }));
  const { ema20, ema50 } = ctx.primary.latest;
  if (ema20 !== undefined) candidates.push({ price: ema20, name: '20-EMA' });
  if (ema50 !== undefined) candidates.push({ price: ema50, name: '50-EMA' });
  const fits = candidates
    .map((c) => ({ ...c, improvementAtr: (s * (intent.entry - c.price)) / atr }))
    .filter((c) => c.improvementAtr >= minAtr && c.improvementAtr <= maxAtr)
    .filter((c) => intent.stop === undefined || (s * (c.price - intent.stop)) / atr >= stopRoomAtr)
    .sort((a, b) => a.improvementAtr - b.improvementAtr);
  const best = fits[0];
  if (!best) return undefined;
  const cut = riskCut(intent, best.price);
  return {
    price: best.price,
    name: best.name,
    improvementAtr: best.improvementAtr,
    ...(cut === undefined ? {} : { riskCut: cut }),
  };
}

/** "a limit at 183.40, the anchored VWAP, cuts risk by 38%" (or by ATR when there is no stop). */
export function betterEntryText(entry: BetterEntry, fmt: (v: number, d?: number) => string): string {
  const gain =
    entry.riskCut !== undefined
      ? `cuts the risk per share by ${Math.round(entry.riskCut * 100)}%`
      : `enters ${fmt(entry.improvementAtr)} ATR better`;
  return `a limit at ${fmt(entry.price)}, the ${entry.name}, ${gain}`;
}

/** The text with its first letter upper-cased, for messages that start with a generated phrase. */
export function capitalise(text: string): string {
  return `${text.slice(0, 1).toUpperCase()}${text.slice(1)}`;
}
