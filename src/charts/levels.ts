import type { KeyLevel } from './spec.js';
import { yForPrice, type Pane, type PriceScale } from './scale.js';

export interface ShownLevel {
  price: number;
  kind: KeyLevel['kind'];
  /** One label, or several joined with " · " when their lines coincide on screen. */
  label: string;
}

export interface LevelPick {
  shown: ShownLevel[];
  /** Levels inside the range that were left out because the chart already had `maxShown`. */
  omitted: number;
  /** Levels outside the visible price range. */
  outOfRange: number;
}

/**
 * Keeps the levels a trader looks at first: inside the visible range, nearest the last close,
 * at most `maxShown` lines. Levels that would draw on the same pixel row share one line.
 */
export function pickLevels(
  levels: readonly KeyLevel[],
  scale: PriceScale,
  pane: Pane,
  lastClose: number,
  maxShown = 6,
  samePx = 6,
): LevelPick {
  const inRange = levels.filter((l) => l.price >= scale.min && l.price <= scale.max);
  const byNearness = [...inRange].sort(
    (a, b) => Math.abs(a.price - lastClose) - Math.abs(b.price - lastClose),
  );
  const shown: ShownLevel[] = [];
  let omitted = 0;
  for (const level of byNearness) {
    const y = yForPrice(level.price, scale, pane);
    const twin = shown.find((s) => Math.abs(yForPrice(s.price, scale, pane) - y) <= samePx);
    if (twin !== undefined) {
      if (!twin.label.split(' · ').includes(level.label)) twin.label = `${twin.label} · ${level.label}`;
      continue;
    }
    if (shown.length >= maxShown) {
      omitted++;
      continue;
    }
    shown.push({ price: level.price, kind: level.kind, label: level.label });
  }
  return { shown, omitted, outOfRange: levels.length - inRange.length };
}
