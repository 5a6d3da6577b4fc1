import { TR, WSMA } from 'trading-signals';
import type { Bar } from '../types.js';

/**
 * Average true range as TA-Lib computes it (TA_ATR): the true range exists from the second bar
 * (it needs the previous close), the first ATR is the mean of the first `period` of them (bar 14
 * for 14) and the rest are Wilder-smoothed. trading-signals' ATR also counts the first bar's
 * high - low as a true range and so starts one bar early, from a different seed; here its TR and
 * Wilder average (WSMA) are reused and only the first bar is left out.
 */
export class WilderAtr {
  readonly #trueRange = new TR();
  readonly #average: WSMA;
  #seenFirst = false;

  constructor(period: number) {
    this.#average = new WSMA(period);
  }

  /** Adds a bar; returns the ATR, or undefined until `period` true ranges have been seen. */
  add(bar: Pick<Bar, 'high' | 'low' | 'close'>): number | undefined {
    const trueRange = this.#trueRange.add(bar);
    if (trueRange === null) return undefined;
    if (!this.#seenFirst) {
      this.#seenFirst = true;
      return undefined;
    }
    return this.#average.add(trueRange) ?? undefined;
  }
}
