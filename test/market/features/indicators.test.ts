import { describe, expect, it } from 'vitest';
import { ReferenceMacd } from '../../../src/market/features/reference-macd.js';
import { SmaSeededEma } from '../../../src/market/features/sma-seeded-ema.js';
import { WilderAtr } from '../../../src/market/features/wilder-atr.js';
import { WilderDmi } from '../../../src/market/features/wilder-dmi.js';

/** 30 bars with no range at 10, then bars with no range climbing by 1 a bar. */
const FLAT_THEN_RISING = Array.from({ length: 40 }, (_, i) => {
  const price = i < 30 ? 10 : 10 + (i - 29);
  return { high: price, low: price, close: price };
});

describe('the indicator pieces computeFeatures uses where trading-signals differs from TA-Lib', () => {
  it.each([[0], [1.5], [-3]])(
    'when an EMA is asked for period %d, then it says what periods it takes',
    (period) => {
      expect(() => new SmaSeededEma(period)).toThrow(
        `an EMA period must be a whole number of at least 1, got ${period}`,
      );
    },
  );

  it('when a DMI is asked for period 1, then it says periods start at 2', () => {
    expect(() => new WilderDmi(1)).toThrow('a DMI period must be a whole number of at least 2, got 1');
  });

  it('when a MACD fast period is not shorter than the slow one, then it says so', () => {
    expect(() => new ReferenceMacd(26, 12, 9)).toThrow(
      'the MACD fast period (26) must be shorter than the slow (12)',
    );
  });

  it('when an EMA(3) sees 2, 4, 6, 8, then it starts at their first mean 4 and moves half the gap', () => {
    const ema = new SmaSeededEma(3);
    expect([2, 4, 6, 8].map((v) => ema.add(v))).toEqual([undefined, undefined, 4, 6]);
  });

  it('when MACD(2,4,2) sees 1..7, then the fast EMA is seeded on the slow one’s first bar', () => {
    const macd = new ReferenceMacd(2, 4, 2);
    const out = [1, 2, 3, 4, 5, 6, 7].map((v) => macd.add(v));
    // Slow EMA(4): 2.5 at bar 3, then 3.5, 4.5; fast EMA(2) fed from bar 2: 3.5 at bar 3, then 4.5, 5.5.
    // MACD is 1 on bars 3.., the signal EMA(2) seeds at bar 4 with the mean of 1 and 1.
    expect(out.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
    expect(out[4]).toEqual({ macd: 1, signal: 1, histogram: 0 });
    expect(out[6]).toEqual({ macd: 1, signal: 1, histogram: 0 });
  });

  it('when bars have no range, then +DI and -DI are 0 and ADX is 0; when they climb, +DI is 100 and ADX rises by Wilder steps', () => {
    const dmi = new WilderDmi(14);
    const out = FLAT_THEN_RISING.map((bar) => dmi.add(bar));
    expect(out.findIndex((v) => !Number.isNaN(v.plusDi))).toBe(14);
    expect(out.findIndex((v) => !Number.isNaN(v.adx))).toBe(27);
    expect(out.slice(14, 30).every((v) => v.plusDi === 0 && v.minusDi === 0)).toBe(true);
    expect(out.slice(27, 30).every((v) => v.adx === 0)).toBe(true);
    expect(out[30]).toEqual({ plusDi: 100, minusDi: 0, adx: 100 / 14 });
    expect(out[31]?.adx).toBeCloseTo(((100 / 14) * 13 + 100) / 14, 12);
  });

  it('when the high rises as much as the low falls, then neither DM counts and both DIs decay', () => {
    const dmi = new WilderDmi(2);
    const bars = [
      { high: 10, low: 8, close: 9 },
      { high: 11, low: 8, close: 10 }, // +DM 1
      { high: 12, low: 7, close: 9 }, // up 1, down 1: neither
    ];
    const [, first, second] = bars.map((b) => dmi.add(b));
    // Period 2: the sums start with 1 move and are smoothed from the second.
    expect(first?.plusDi).toBeNaN();
    // +DM2 = 1 - 1/2 + 0 = 0.5; TR2 = 3 - 1.5 + 5 = 6.5.
    expect(second?.plusDi).toBeCloseTo((100 * 0.5) / 6.5, 12);
    expect(second?.minusDi).toBe(0);
  });

  it('when ATR(14) sees flat bars then a climb, then it starts on bar 14 and averages true ranges by Wilder', () => {
    const atr = new WilderAtr(14);
    const out = FLAT_THEN_RISING.map((bar) => atr.add(bar));
    expect(out.findIndex((v) => v !== undefined)).toBe(14);
    expect(out[29]).toBe(0);
    expect(out[30]).toBeCloseTo(1 / 14, 12);
    expect(out[31]).toBeCloseTo((1 / 14) * (13 / 14) + 1 / 14, 12);
  });
});
