import { describe, expect, it } from 'vitest';
import {
  cadenceOf,
  clusterSwings,
  findSwings,
  nearestLevels,
  periodStart,
  structureOf,
  type AnchorPeriod,
  type KeyLevels,
  type SwingPoint,
} from '../../../src/market/levels/index.js';
import type { Bar } from '../../../src/market/types.js';
import { DAY, T0, barsFromCloses, staircase } from './bar-fixtures.js';

const highsLows = (highs: number[]): Bar[] =>
  highs.map((high, i) => ({
    ts: T0 + i * DAY,
    open: high - 1,
    high,
    low: high - 2,
    close: high - 1,
    volume: 1,
  }));

describe('findSwings', () => {
  it.each([
    ['a single peak', 2, [1, 2, 5, 2, 1], [2]],
    ['a flat top of two equal highs (first bar counts)', 2, [1, 2, 5, 5, 2, 1], [2]],
    ['a peak without k bars after it (unconfirmed)', 2, [1, 2, 3, 4, 5, 4], []],
    ['two peaks', 1, [1, 3, 1, 0, 1, 4, 1, 0], [1, 5]],
  ])('when highs are %s (k = %i), then swing highs are at %j', (_name, k, highs, expected) => {
    const found = findSwings(highsLows(highs), k)
      .filter((s) => s.kind === 'high')
      .map((s) => s.index);
    expect(found).toEqual(expected);
  });
});

describe('structureOf', () => {
  it.each([
    ['a rising staircase', staircase(120, 0.5), 'up'],
    ['a falling staircase', staircase(120, -0.5, 200), 'down'],
  ])('when the series is %s, then the structure is %s', (_name, closes, bias) => {
    const structure = structureOf(findSwings(barsFromCloses(closes), 3));
    expect(structure.bias).toBe(bias);
    expect(Math.abs(structure.score)).toBe(1);
  });

  it('when the price has since broken the structure, then it is not reported as intact (issue 14: "higher lows" with the close far below the last low)', () => {
    const up = findSwings(barsFromCloses(staircase(120, 0.5)), 3);
    const intact = structureOf(up);
    expect(intact.bias).toBe('up');
    const lastLow = intact.lastLow ?? 0;
    expect(structureOf(up, 4, lastLow + 1).bias).toBe('up');
    expect(structureOf(up, 4, lastLow - 1).bias).toBe('mixed');
    const down = findSwings(barsFromCloses(staircase(120, -0.5, 200)), 3);
    const lastHigh = structureOf(down).lastHigh ?? 0;
    expect(structureOf(down, 4, lastHigh - 1).bias).toBe('down');
    expect(structureOf(down, 4, lastHigh + 1).bias).toBe('mixed');
  });

  it('when there is only one swing high, then the structure is unknown', () => {
    expect(structureOf(findSwings(highsLows([1, 2, 5, 2, 1]), 2)).bias).toBe('unknown');
  });
});

describe('clusterSwings', () => {
  const swing = (price: number, index: number): SwingPoint => ({
    index,
    ts: T0 + index * DAY,
    price,
    kind: 'high',
  });

  it('when swings lie within the tolerance, then they count as touches of one level', () => {
    const swings = [
      swing(100, 10),
      swing(110, 12),
      swing(100.2, 20),
      swing(120, 25),
      swing(99.9, 30),
      swing(110.3, 40),
    ];
    const clusters = clusterSwings(swings, 0.5, 40, 125);
    expect(clusters.map((c) => [Number(c.price.toFixed(3)), c.touches, c.lastTouchTs])).toEqual([
      [100.033, 3, T0 + 30 * DAY],
      [110.15, 2, T0 + 40 * DAY],
      [120, 1, T0 + 25 * DAY],
    ]);
    const [three, two, one] = clusters.map((c) => c.strength);
    expect(three).toBeGreaterThan(two ?? 100);
    expect(two).toBeGreaterThan(one ?? 100);
  });

  it('when a level was touched long ago, then it is weaker than a fresh one with as many touches', () => {
    const [old, fresh] = clusterSwings([swing(100, 0), swing(200, 500)], 1, 500, 125);
    expect(old?.strength).toBeLessThan(fresh?.strength ?? 0);
  });
});

describe('periodStart and cadenceOf', () => {
  const ts = Date.UTC(2024, 4, 16, 13, 30); // Thursday 16 May 2024
  it.each([
    ['week', Date.UTC(2024, 4, 13)],
    ['month', Date.UTC(2024, 4, 1)],
    ['quarter', Date.UTC(2024, 3, 1)],
    ['year', Date.UTC(2024, 0, 1)],
  ] as [AnchorPeriod, number][])('when the period is a %s, then it starts on %d', (period, expected) => {
    expect(periodStart(ts, period)).toBe(expected);
  });

  it.each([
    [3_600_000, 'intraday'],
    [DAY, 'daily'],
    [7 * DAY, 'weekly'],
    [30 * DAY, 'monthly'],
  ])('when bars are %d ms apart, then the cadence is %s', (step, cadence) => {
    expect(cadenceOf(barsFromCloses([1, 2, 3, 4, 5], { step }))).toBe(cadence);
  });
});

describe('nearestLevels', () => {
  const levels: KeyLevels = {
    version: 1,
    asOf: T0,
    cadence: 'daily',
    priorBar: { ts: T0, high: 104, low: 96, close: 101 },
    pivots: { p: 100.33, r1: 104.67, r2: 108.33, r3: 112.67, s1: 96.67, s2: 92.33, s3: 88.67 },
    rollingRange: { lookback: 20, high: 106, low: 94 },
    anchoredVwaps: [{ anchor: 'swing-low', anchorTs: T0, price: 99.2 }],
    supportResistance: [{ price: 102.5, kind: 'resistance', touches: 3, lastTouchTs: T0, strength: 70 }],
  };

  it.each([
    [101.5, { price: 101, source: 'prior-close' }, { price: 102.5, source: 'resistance' }],
    [100, { price: 99.2, source: 'avwap-swing-low' }, { price: 100.33, source: 'pivot-p' }],
    [120, { price: 112.67, source: 'pivot-r3' }, undefined],
    [80, undefined, { price: 88.67, source: 'pivot-s3' }],
  ])('when price is %d, then support is %j and resistance %j', (price, support, resistance) => {
    const near = nearestLevels(levels, price, 2);
    expect(near.support && { price: near.support.price, source: near.support.source }).toEqual(support);
    expect(near.resistance && { price: near.resistance.price, source: near.resistance.source }).toEqual(
      resistance,
    );
  });

  it('when an ATR is given, then distances are reported in price and in ATR', () => {
    const near = nearestLevels(levels, 101.5, 2);
    expect(near.support?.distance).toBeCloseTo(0.5, 10);
    expect(near.support?.distanceAtr).toBeCloseTo(0.25, 10);
    expect(nearestLevels(levels, 101.5, 0).support).not.toHaveProperty('distanceAtr');
  });
});
