import type { RollingExtreme } from './extremes.js';
import type { KeyLevels, LevelSource, NearLevel, NearestLevels } from './types.js';

export interface SourcedLevel {
  price: number;
  source: LevelSource;
  /** For `range-high`/`range-low`: which rolling extreme it is, when the snapshot has them. */
  extreme?: RollingExtreme;
}

/** Every level price in a snapshot, tagged with where it came from. */
export function allLevels(levels: KeyLevels): SourcedLevel[] {
  const out: SourcedLevel[] = [];
  if (levels.priorBar) {
    out.push(
      { price: levels.priorBar.high, source: 'prior-high' },
      { price: levels.priorBar.low, source: 'prior-low' },
      { price: levels.priorBar.close, source: 'prior-close' },
    );
  }
  if (levels.pivots) {
    for (const [key, price] of Object.entries(levels.pivots) as [keyof typeof levels.pivots, number][]) {
      out.push({ price, source: `pivot-${key}` });
    }
  }
  if (levels.extremes) {
    for (const extreme of levels.extremes)
      out.push({ price: extreme.price, source: `range-${extreme.kind}`, extreme });
  } else if (levels.rollingRange) {
    out.push(
      { price: levels.rollingRange.high, source: 'range-high' },
      { price: levels.rollingRange.low, source: 'range-low' },
    );
  }
  for (const v of levels.anchoredVwaps) out.push({ price: v.price, source: `avwap-${v.anchor}` });
  for (const sr of levels.supportResistance) out.push({ price: sr.price, source: sr.kind });
  return out.filter((l) => Number.isFinite(l.price));
}

function near(level: { price: number; source: LevelSource }, price: number, atr: number): NearLevel {
  const distance = Math.abs(price - level.price);
  const result: NearLevel = { price: level.price, source: level.source, distance };
  if (Number.isFinite(atr) && atr > 0) result.distanceAtr = distance / atr;
  return result;
}

/**
 * The closest level at or below `price` (support) and at or above it (resistance), over every
 * kind of level in the snapshot. A side is absent when nothing lies there (e.g. at a new high).
 */
export function nearestLevels(levels: KeyLevels, price: number, atr: number): NearestLevels {
  let below: { price: number; source: LevelSource } | undefined;
  let above: { price: number; source: LevelSource } | undefined;
  for (const level of allLevels(levels)) {
    if (level.price <= price && (!below || level.price > below.price)) below = level;
    if (level.price >= price && (!above || level.price < above.price)) above = level;
  }
  const result: NearestLevels = {};
  if (below) result.support = near(below, price, atr);
  if (above) result.resistance = near(above, price, atr);
  return result;
}
