import { featureAt, type FeatureColumns } from '../features/index.js';
import type { Bar } from '../types.js';
import { anchoredVwap, firstIndexAtOrAfter } from './anchored-vwap.js';
import { rollingExtremes } from './extremes.js';
import { ANCHOR_PERIOD, cadenceOf, floorPivots, periodStart, priorBarOf, type Pivots } from './periods.js';
import { roundPrice } from './round.js';
import { clusterSwings } from './support-resistance.js';
import { findSwings } from './swings.js';
import type { AnchoredVwap, KeyLevels, KeyLevelsOptions, SupportResistanceLevel } from './types.js';

export const KEY_LEVELS_VERSION = 2;

const DEFAULTS = { swingK: 3, lookback: 250, toleranceAtr: 0.5, maxLevels: 8, rangeLookback: 20 };

/** ATR14 at the last bar; before ATR is stable, the mean high-low range of up to 14 bars. */
export function atrOrRange(bars: readonly Bar[], features: FeatureColumns): number | undefined {
  const atr = featureAt(features, 'atr14', bars.length - 1);
  if (atr !== undefined && atr > 0) return atr;
  const recent = bars.slice(-14);
  if (recent.length === 0) return undefined;
  const mean = recent.reduce((sum, b) => sum + (b.high - b.low), 0) / recent.length;
  return mean > 0 ? mean : undefined;
}

function roundPivots(pivots: Pivots, ref: number): Pivots {
  const out = { ...pivots };
  for (const key of Object.keys(out) as (keyof Pivots)[]) out[key] = roundPrice(out[key], ref);
  return out;
}

/**
 * Key levels at the last bar: prior bar (or prior UTC day for intraday bars) H/L/C, floor pivots
 * from it, the rolling range and the 20/60/250-bar extremes, anchored VWAPs (last confirmed swing high and low, period start)
 * and support/resistance from clustered confirmed swings.
 */
export function computeKeyLevels(
  bars: readonly Bar[],
  features: FeatureColumns,
  options: KeyLevelsOptions = {},
): KeyLevels {
  const opts = { ...DEFAULTS, ...options };
  const cadence = cadenceOf(bars, opts.timeframe);
  const last = bars[bars.length - 1];
  const levels: KeyLevels = {
    version: KEY_LEVELS_VERSION,
    asOf: last?.ts ?? null,
    cadence,
    anchoredVwaps: [],
    supportResistance: [],
  };
  if (!last) return levels;
  const ref = last.close;
  const px = (value: number): number => roundPrice(value, ref);
  levels.lastClose = px(last.close);

  const prior = priorBarOf(bars, cadence);
  if (prior) {
    levels.priorBar = { ts: prior.ts, high: px(prior.high), low: px(prior.low), close: px(prior.close) };
    levels.pivots = roundPivots(floorPivots(prior), ref);
  }

  if (bars.length >= opts.rangeLookback) {
    const window = bars.slice(-opts.rangeLookback);
    levels.rollingRange = {
      lookback: opts.rangeLookback,
      high: px(Math.max(...window.map((b) => b.high))),
      low: px(Math.min(...window.map((b) => b.low))),
    };
  }

  const extremes = rollingExtremes(bars, px);
  if (extremes.length > 0) levels.extremes = extremes;

  const lastIndex = bars.length - 1;
  const swings = findSwings(bars, opts.swingK, Math.max(0, bars.length - opts.lookback));
  levels.anchoredVwaps = anchors(bars, swings, cadence).map((a) => ({ ...a, price: px(a.price) }));

  const atr = atrOrRange(bars, features);
  if (atr !== undefined) {
    levels.atr = px(atr);
    const clusters = clusterSwings(swings, opts.toleranceAtr * atr, lastIndex, opts.lookback / 2);
    levels.supportResistance = clusters
      .map(
        (c): SupportResistanceLevel => ({
          price: px(c.price),
          kind: c.price > last.close ? 'resistance' : 'support',
          touches: c.touches,
          lastTouchTs: c.lastTouchTs,
          strength: c.strength,
        }),
      )
      .sort((a, b) => Math.abs(a.price - ref) - Math.abs(b.price - ref) || b.strength - a.strength)
      .slice(0, opts.maxLevels);
  }
  return levels;
}

function anchors(
  bars: readonly Bar[],
  swings: ReturnType<typeof findSwings>,
  cadence: KeyLevels['cadence'],
): AnchoredVwap[] {
  const out: AnchoredVwap[] = [];
  for (const kind of ['high', 'low'] as const) {
    const swing = swings.filter((s) => s.kind === kind).at(-1);
    const price = swing && anchoredVwap(bars, swing.index);
    if (swing && price !== undefined) out.push({ anchor: `swing-${kind}`, anchorTs: swing.ts, price });
  }
  const last = bars[bars.length - 1];
  if (last) {
    const period = ANCHOR_PERIOD[cadence];
    const from = firstIndexAtOrAfter(bars, periodStart(last.ts, period));
    const anchorBar = bars[from];
    const price = anchoredVwap(bars, from);
    if (anchorBar && price !== undefined) {
      out.push({ anchor: 'period-start', anchorTs: anchorBar.ts, price, period });
    }
  }
  return out;
}
