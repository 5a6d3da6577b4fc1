import type { Bar } from '../../../src/market/types.js';
import { gaussian, mulberry32 } from '../../../src/market/data/index.js';

export const DAY = 86_400_000;
/** 2024-01-01T00:00:00Z, a Monday. */
export const T0 = Date.UTC(2024, 0, 1);

/** Bars around given closes: open at the previous close, high/low `halfRange` either side. */
export function barsFromCloses(
  closes: readonly number[],
  {
    halfRange = 0.5,
    step = DAY,
    start = T0,
    volume = 1000,
  }: { halfRange?: number; step?: number; start?: number; volume?: number } = {},
): Bar[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : (closes[i - 1] ?? close);
    return {
      ts: start + i * step,
      open,
      high: Math.max(open, close) + halfRange,
      low: Math.min(open, close) - halfRange,
      close,
      volume,
    };
  });
}

/** A rising (or, with a negative drift, falling) zigzag: higher highs and higher lows each wave. */
export function staircase(length: number, drift = 0.5, start = 100): number[] {
  return Array.from({ length }, (_, i) => start + drift * i + 3 * Math.sin((2 * Math.PI * i) / 10));
}

/** Seeded noise around a flat level: no trend to find. */
export function flatNoise(length: number, seed: number, level = 100, sd = 1.5): number[] {
  const z = gaussian(mulberry32(seed));
  return Array.from({ length }, () => level + sd * z());
}
