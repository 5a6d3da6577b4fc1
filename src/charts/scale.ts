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

/** How far past the bars' own range a trade line may stretch the chart, in bar ranges. */
const MAX_STRETCH = 1;

/**
 * The visible price range: every visible bar plus every trade line, so the stop and target
 * are on the chart even when price has not been near them. A line absurdly far away would
 * squash the candles flat, so the range stretches at most MAX_STRETCH bar ranges; such a
 * line is drawn as a pinned tag at the pane edge instead.
 */
export function priceScaleFor(
  bars: readonly Bar[],
  tradePrices: readonly number[],
  targetTicks = 7,
): PriceScale {
  let barLo = Number.POSITIVE_INFINITY;
  let barHi = Number.NEGATIVE_INFINITY;
  for (const b of bars) {
    barLo = Math.min(barLo, b.low);
    barHi = Math.max(barHi, b.high);
  }
  // A flat series still needs a visible band around it.
  const barSpan = barHi - barLo > 0 ? barHi - barLo : Math.max(Math.abs(barHi) * 0.01, 0.01);
  let lo = barLo;
  let hi = barHi;
  for (const p of tradePrices) {
    const clamped = Math.min(Math.max(p, barLo - barSpan * MAX_STRETCH), barHi + barSpan * MAX_STRETCH);
    lo = Math.min(lo, clamped);
    hi = Math.max(hi, clamped);
  }
  const span = hi - lo > 0 ? hi - lo : barSpan;
  const min = Math.max(0, lo - span * PAD_FRACTION);
  const max = hi + span * PAD_FRACTION;
  return { min, max, step: niceStep((max - min) / targetTicks) };
}

export function inScale(price: number, scale: PriceScale): boolean {
  return price >= scale.min && price <= scale.max;
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
