import type { Bar } from '../market/types.js';

export interface PriceScale {
  min: number;
  max: number;
  /** Distance between axis ticks, a 1/2/2.5/5 x 10^n step. */
  step: number;
}

/** Pixel box of a chart pane, in SVG coordinates. */
export interface Pane {
  left: number;
  top: number;
  width: number;
  height: number;
}

const PAD_FRACTION = 0.04;

/**
 * The visible price range: every visible bar plus every trade line, so the stop and
 * target are always on the chart even when price has not been near them.
 */
export function priceScaleFor(bars: readonly Bar[], tradePrices: readonly number[], targetTicks = 7): PriceScale {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const b of bars) {
    lo = Math.min(lo, b.low);
    hi = Math.max(hi, b.high);
  }
  for (const p of tradePrices) {
    lo = Math.min(lo, p);
    hi = Math.max(hi, p);
  }
  // A flat series still needs a visible band around it.
  const span = hi - lo > 0 ? hi - lo : Math.max(Math.abs(hi) * 0.01, 0.01);
  const min = Math.max(0, lo - span * PAD_FRACTION);
  const max = hi + span * PAD_FRACTION;
  return { min, max, step: niceStep((max - min) / targetTicks) };
}

export function niceStep(raw: number): number {
  const exponent = Math.floor(Math.log10(raw));
  const base = 10 ** exponent;
  const fraction = raw / base;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * base;
}

export function yForPrice(price: number, scale: PriceScale, pane: Pane): number {
  return pane.top + ((scale.max - price) / (scale.max - scale.min)) * pane.height;
}

/**
 * Moves label centres apart so no two are closer than `gap`, keeping each as near its
 * line as possible and inside [top, bottom]. Returns the new centres in input order.
 */
export function spreadLabels(ys: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const placed = order.map((o) => Math.min(Math.max(o.y, top), bottom));
  for (let k = 1; k < placed.length; k++) {
    const prev = placed[k - 1] ?? top;
    if ((placed[k] ?? 0) < prev + gap) placed[k] = prev + gap;
  }
  // Pushing down may run past the bottom; push back up from there.
  for (let k = placed.length - 1; k >= 0; k--) {
    const limit = k === placed.length - 1 ? bottom : (placed[k + 1] ?? bottom) - gap;
    if ((placed[k] ?? 0) > limit) placed[k] = limit;
  }
  const out = new Array<number>(ys.length);
  order.forEach((o, k) => {
    out[o.i] = placed[k] ?? o.y;
  });
  return out;
}
