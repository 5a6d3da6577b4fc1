import type { Bar } from '../types.js';

export interface DmiValue {
  /** +DI and -DI on 0-100, NaN until `period` moves have been seen. */
  plusDi: number;
  minusDi: number;
  /** ADX on 0-100, NaN until 2 x period - 1 bars. */
  adx: number;
}

/** TA-Lib's TA_IS_ZERO: a sum this small is treated as zero. */
const EPSILON = 1e-14;
const isZero = (v: number): boolean => -EPSILON < v && v < EPSILON;

/**
 * Wilder's directional movement (+DI, -DI) and ADX, computed as TA-Lib does (TA_PLUS_DI,
 * TA_MINUS_DI, TA_ADX, default settings):
 * - one-bar +DM is the rise of the high when it beats the fall of the low, -DM the fall of the
 *   low when it beats the rise of the high; when the two are equal neither counts (Wilder's case 7);
 * - +DM14, -DM14 and TR14 start as the sums of the first 13 one-bar values (there is no move on
 *   the first bar) and are then smoothed as previous - previous / 14 + today, so the DIs start at
 *   bar 14;
 * - ADX starts at bar 27 as the mean of the first 14 DX values and is then smoothed as
 *   (previous x 13 + DX) / 14; a bar whose TR14 or DI sum is zero leaves ADX where it was.
 *
 * Hand-written because trading-signals' DX counts both +DM and -DM when the high rises exactly as
 * much as the low falls (and seeds its averages with the first bar's range), which moved DI by up
 * to 4 points on real stocks.
 */
export class WilderDmi {
  #previous: Pick<Bar, 'high' | 'low' | 'close'> | undefined;
  #moves = 0;
  #plusDm = 0;
  #minusDm = 0;
  #trueRange = 0;
  #dxSum = 0;
  #adx = Number.NaN;

  constructor(readonly period = 14) {
    if (!Number.isInteger(period) || period < 2)
      throw new Error(`a DMI period must be a whole number of at least 2, got ${period}`);
  }

  add(bar: Pick<Bar, 'high' | 'low' | 'close'>): DmiValue {
    const previous = this.#previous;
    this.#previous = bar;
    if (!previous) return { plusDi: Number.NaN, minusDi: Number.NaN, adx: Number.NaN };
    const n = this.period;
    const up = bar.high - previous.high;
    const down = previous.low - bar.low;
    const plusDm = up > 0 && up > down ? up : 0;
    const minusDm = down > 0 && down > up ? down : 0;
    const trueRange = Math.max(
      bar.high - bar.low,
      Math.abs(bar.high - previous.close),
      Math.abs(bar.low - previous.close),
    );
    this.#moves += 1;
    if (this.#moves < n) {
      this.#plusDm += plusDm;
      this.#minusDm += minusDm;
      this.#trueRange += trueRange;
      return { plusDi: Number.NaN, minusDi: Number.NaN, adx: Number.NaN };
    }
    this.#plusDm = this.#plusDm - this.#plusDm / n + plusDm;
    this.#minusDm = this.#minusDm - this.#minusDm / n + minusDm;
    this.#trueRange = this.#trueRange - this.#trueRange / n + trueRange;
    if (isZero(this.#trueRange)) return { plusDi: 0, minusDi: 0, adx: this.#nextAdx(undefined) };
    const plusDi = 100 * (this.#plusDm / this.#trueRange);
    const minusDi = 100 * (this.#minusDm / this.#trueRange);
    const sum = minusDi + plusDi;
    const dx = isZero(sum) ? undefined : 100 * (Math.abs(minusDi - plusDi) / sum);
    return { plusDi, minusDi, adx: this.#nextAdx(dx) };
  }

  /** Folds one DX (undefined when it cannot be computed) into the ADX; NaN until it is seeded. */
  #nextAdx(dx: number | undefined): number {
    const n = this.period;
    if (this.#moves < 2 * n - 1) {
      this.#dxSum += dx ?? 0;
      return Number.NaN;
    }
    if (this.#moves === 2 * n - 1) {
      this.#dxSum += dx ?? 0;
      this.#adx = this.#dxSum / n;
    } else if (dx !== undefined) {
      this.#adx = (this.#adx * (n - 1) + dx) / n;
    }
    return this.#adx;
  }
}
