import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv, spxCsvPath } from '../../../src/market/data/index.js';
import {
  computeFeatures,
  featureAt,
  FEATURE_NAMES,
  snapshotAt,
  type FeatureName,
} from '../../../src/market/features/index.js';
import type { Bar } from '../../../src/market/types.js';
import { constantRangeBars, randomWalkBars, STEP_MS, T0 } from '../../helpers/context.js';

const DAY = STEP_MS['1d'];
const barsFromCloses = (closes: readonly number[]): Bar[] =>
  closes.map((close, i) => ({
    ts: T0 + i * DAY,
    open: close,
    high: close + 1,
    low: close - 1,
    close,
    volume: 1_000 + i,
  }));

/** A hand-made, irregular series: no two windows share a mean by accident. */
const CLOSES = Array.from({ length: 60 }, (_, i) => 100 + ((i * 7) % 11) - ((i * 3) % 5) + i * 0.25);

const firstDefined = (column: Float64Array): number => column.findIndex((v) => !Number.isNaN(v));

describe('computeFeatures on hand-made series', () => {
  const features = computeFeatures(barsFromCloses(CLOSES), { intraday: false });

  it.each([[19], [20], [35], [59]])('when 20 closes end at bar %d, then sma20 is their plain mean', (i) => {
    const window = CLOSES.slice(i - 19, i + 1);
    expect(features.sma20[i]).toBeCloseTo(window.reduce((s, v) => s + v, 0) / 20, 10);
  });

  it('when the first 20 closes are summed by hand, then sma20 at bar 19 matches', () => {
    // 100 + ((7i)%11) - ((3i)%5) + i/4 for i = 0..19: 20 x 100 = 2000; (7i)%11 runs through 0..10
    // (55) then 0,7,3,10,6,2,9,5,1 (43); (3i)%5 is four cycles of 0..4 (40); i/4 sums to 47.5.
    expect(features.sma20[19]).toBeCloseTo((2000 + 55 + 43 - 40 + 47.5) / 20, 10);
    expect(features.sma20[19]).toBeCloseTo(105.275, 10);
  });

  it('when prices rise on every bar, then RSI(14) is 100 from its first value', () => {
    const rising = computeFeatures(barsFromCloses(Array.from({ length: 40 }, (_, i) => 50 + i * 0.7)), {
      intraday: false,
    });
    expect(firstDefined(rising.rsi14)).toBe(14);
    expect([...rising.rsi14.slice(14)].every((v) => v === 100)).toBe(true);
  });

  it('when prices fall on every bar, then RSI(14) is 0', () => {
    const falling = computeFeatures(barsFromCloses(Array.from({ length: 40 }, (_, i) => 90 - i * 0.5)), {
      intraday: false,
    });
    expect(falling.rsi14[39]).toBe(0);
  });

  it.each([[0.5], [2], [7.25]])(
    'when every bar spans %d with no gaps, then ATR(14) equals that range',
    (range) => {
      const atr = computeFeatures(constantRangeBars({ count: 40, range }), { intraday: false }).atr14;
      // The first true range needs a previous close, so 14 of them end on bar 14 (as in TA-Lib).
      expect(firstDefined(atr)).toBe(14);
      for (const v of atr.slice(14)) expect(v).toBeCloseTo(range, 12);
    },
  );

  it.each([
    ['sma20', 19],
    ['sma50', 49],
    ['ema20', 19],
    ['ema50', 49],
    ['rsi14', 14],
    ['atr14', 14],
    ['macd', 33],
    ['plusDi', 14],
    ['adx14', 27],
    ['obv', 0],
    ['bbMiddle', 19],
    ['relVolume', 20],
  ] as [FeatureName, number][])(
    'when a series is young, then %s is NaN before bar %d and a number from it on',
    (name, first) => {
      const column = features[name];
      expect(firstDefined(column)).toBe(first);
      expect([...column.slice(first)].every(Number.isFinite)).toBe(true);
    },
  );

  it('when the series is shorter than 200 bars, then the 200-bar averages are all NaN', () => {
    expect([...features.sma200, ...features.ema200].every(Number.isNaN)).toBe(true);
  });

  it('when the bars are daily, then VWAP is NaN throughout', () => {
    expect([...features.vwap].every(Number.isNaN)).toBe(true);
  });

  it('when the bars are intraday, then VWAP restarts at each UTC day', () => {
    const hours = [10, 20, 30, 40].map((close, i) => ({
      ts: T0 + (22 + i) * STEP_MS['1h'],
      open: close,
      high: close,
      low: close,
      close,
      volume: 1,
    }));
    const vwap = computeFeatures(hours, { intraday: true }).vwap;
    expect([...vwap]).toEqual([10, 15, 30, 35]);
  });

  it('when every column is built, then each has one value per bar', () => {
    for (const name of FEATURE_NAMES) expect(features[name]).toHaveLength(CLOSES.length);
  });

  it('when a snapshot is taken, then it holds only the warmed-up features of that bar', () => {
    const at10 = snapshotAt(features, 10);
    expect(at10.sma20).toBeUndefined();
    expect(at10.obv).toBeDefined();
    expect(snapshotAt(features).sma20).toBe(features.sma20[59]);
    expect(featureAt(features, 'sma20', 5)).toBeUndefined();
    expect(featureAt(features, 'sma20', 500)).toBeUndefined();
  });
});

/** EMA seeded with the SMA of its first `period` closes, the textbook (TA-Lib) way. */
function smaSeededEma(closes: readonly number[], period: number): number[] {
  const alpha = 2 / (period + 1);
  const out: number[] = [];
  let ema = Number.NaN;
  closes.forEach((close, i) => {
    if (i === period - 1) ema = closes.slice(0, period).reduce((s, v) => s + v, 0) / period;
    else if (i >= period) ema = alpha * close + (1 - alpha) * ema;
    out.push(ema);
  });
  return out;
}

describe('EMA seeding: the first value is the SMA of the first period closes (TA-Lib, the textbooks)', () => {
  const spx = parseOhlcvCsv(readFileSync(spxCsvPath(), 'utf8'), { symbol: 'SPX' }).bySymbol.get('SPX') ?? [];
  const closes = spx.map((b) => b.close);
  const features = computeFeatures(spx, { intraday: false });

  it.each([
    ['ema20', 20],
    ['ema50', 50],
    ['ema200', 200],
  ] as const)(
    'when %s is compared with an SMA-seeded EMA written out here, then they agree from its first bar',
    (name, period) => {
      const reference = smaSeededEma(closes, period);
      expect(firstDefined(features[name])).toBe(period - 1);
      for (let i = period - 1; i < closes.length; i++)
        expect(Math.abs((features[name][i] ?? 0) - (reference[i] ?? 0))).toBeLessThan(
          1e-9 * (closes[i] ?? 1),
        );
    },
  );

  it('when a random walk is used instead, then EMA20 starts at the mean of its first 20 closes', () => {
    const walk = randomWalkBars({ count: 200, seed: 11 });
    const ema = computeFeatures(walk, { intraday: false }).ema20;
    expect(ema[19]).toBeCloseTo(walk.slice(0, 20).reduce((s, b) => s + b.close, 0) / 20, 10);
    expect(ema[18]).toBeNaN();
  });
});
