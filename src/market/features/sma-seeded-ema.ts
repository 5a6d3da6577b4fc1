/**
 * An exponential moving average seeded with the simple average of its first `period` inputs, the
 * way TA-Lib (default compatibility) and the textbooks start it: the first value comes at input
 * `period` and is that average, then each input moves it by 2 / (period + 1) of the gap.
 *
 * Hand-written because trading-signals' EMA seeds with the first price instead, which leaves an
 * EMA200 several percent off at its first value and still visibly off a hundred bars later.
 */
export class SmaSeededEma {
  readonly #k: number;
  #count = 0;
  #sum = 0;
  #value = Number.NaN;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1)
      throw new Error(`an EMA period must be a whole number of at least 1, got ${period}`);
    this.#k = 2 / (period + 1);
  }

  /** Adds an input; returns the EMA, or undefined while fewer than `period` inputs have been seen. */
  add(value: number): number | undefined {
    if (this.#count < this.period) {
      this.#sum += value;
      this.#count += 1;
      if (this.#count < this.period) return undefined;
      this.#value = this.#sum / this.period;
      return this.#value;
    }
    this.#value = (value - this.#value) * this.#k + this.#value;
    return this.#value;
  }
}
