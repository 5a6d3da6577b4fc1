import { SmaSeededEma } from './sma-seeded-ema.js';

export interface MacdValue {
  macd: number;
  signal: number;
  histogram: number;
}

/**
 * MACD as TA-Lib computes it (TA_MACD): the fast and slow EMAs are both seeded with a simple
 * average that ends on the bar where the slow one is first defined (bar slow - 1), so the fast EMA
 * starts from the average of the `fast` closes before it rather than from the series' first bars;
 * the signal line is an SMA-seeded EMA of the MACD line. The first value comes at bar
 * (slow - 1) + (signal - 1): bar 33 for 12/26/9.
 *
 * trading-signals' MACD seeds all three EMAs with a first value and reports from bar 25, eight
 * bars before the signal line has seen `signal` MACD values.
 */
export class ReferenceMacd {
  readonly #fast: SmaSeededEma;
  readonly #slow: SmaSeededEma;
  readonly #signal: SmaSeededEma;
  readonly #fastStart: number;
  #index = 0;

  constructor(fast: number, slow: number, signal: number) {
    if (!(fast < slow))
      throw new Error(`the MACD fast period (${fast}) must be shorter than the slow (${slow})`);
    this.#fast = new SmaSeededEma(fast);
    this.#slow = new SmaSeededEma(slow);
    this.#signal = new SmaSeededEma(signal);
    this.#fastStart = slow - fast;
  }

  /** Adds a close; returns the MACD line, signal and histogram once all three are defined. */
  add(close: number): MacdValue | undefined {
    const index = this.#index++;
    const slow = this.#slow.add(close);
    const fast = index >= this.#fastStart ? this.#fast.add(close) : undefined;
    if (slow === undefined || fast === undefined) return undefined;
    const macd = fast - slow;
    const signal = this.#signal.add(macd);
    return signal === undefined ? undefined : { macd, signal, histogram: macd - signal };
  }
}
