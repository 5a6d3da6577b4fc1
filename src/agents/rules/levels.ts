import type { KeyLevels } from '../../market/levels/index.js';

/**
 * The nearest level strictly above and below a price, from swing support/resistance and the
 * rolling range only: pivots and the prior close sit so close to any price that they would
 * always be "nearest" and say nothing about room to move.
 */
export function nearestAround(levels: KeyLevels, price: number): { above?: number; below?: number } {
  const prices = levels.supportResistance.map((l) => l.price);
  if (levels.rollingRange) prices.push(levels.rollingRange.high, levels.rollingRange.low);
  let above: number | undefined;
  let below: number | undefined;
  for (const p of prices) {
    if (p > price && (above === undefined || p < above)) above = p;
    if (p < price && (below === undefined || p > below)) below = p;
  }
  return { ...(above !== undefined ? { above } : {}), ...(below !== undefined ? { below } : {}) };
}
