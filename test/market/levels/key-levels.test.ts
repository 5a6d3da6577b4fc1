import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../src/market/features/index.js';
import { extremeName, extremeSignificance, namedLevels } from '../../../src/evaluators/level-facts.js';
import {
  KEY_LEVELS_VERSION,
  computeKeyLevels,
  floorPivots,
  rollingExtremes,
} from '../../../src/market/levels/index.js';
import type { Bar } from '../../../src/market/types.js';
import { DAY, T0, barsFromCloses } from './bar-fixtures.js';

const HOUR = 3_600_000;
const daily = (bars: Bar[]) => computeFeatures(bars, { intraday: false });

describe('floorPivots', () => {
  it.each([
    [
      { high: 110, low: 100, close: 105 },
      { p: 105, r1: 110, s1: 100, r2: 115, s2: 95, r3: 120, s3: 90 },
    ],
    [
      { high: 52, low: 48, close: 51 },
      { p: 50.3333, r1: 52.6667, s1: 48.6667, r2: 54.3333, s2: 46.3333, r3: 56.6667, s3: 44.6667 },
    ],
    [
      { high: 10, low: 10, close: 10 },
      { p: 10, r1: 10, s1: 10, r2: 10, s2: 10, r3: 10, s3: 10 },
    ],
  ])('when the prior bar is %j, then the pivots are %j', (bar, expected) => {
    const pivots = floorPivots(bar);
    for (const [key, value] of Object.entries(expected)) {
      expect(pivots[key as keyof typeof pivots]).toBeCloseTo(value, 4);
    }
  });
});

describe('computeKeyLevels', () => {
  it('when bars are daily, then prior H/L/C and pivots come from the bar before the last', () => {
    const bars = barsFromCloses([100, 101, 102, 103, 104]);
    bars[3] = { ...(bars[3] as Bar), high: 110, low: 100, close: 105 };
    const levels = computeKeyLevels(bars, daily(bars), { timeframe: '1d' });
    expect(levels.priorBar).toEqual({ ts: T0 + 3 * DAY, high: 110, low: 100, close: 105 });
    expect(levels.pivots).toEqual({ p: 105, r1: 110, s1: 100, r2: 115, s2: 95, r3: 120, s3: 90 });
    expect(levels.asOf).toBe(T0 + 4 * DAY);
    expect(levels.version).toBe(KEY_LEVELS_VERSION);
  });

  it('when bars are hourly, then the prior level is the previous UTC day aggregated', () => {
    // Three days of 24 hourly bars; day 2 spans 200-230 with a last close of 215.
    const closes = [
      ...Array.from({ length: 24 }, (_, h) => 100 + h),
      ...Array.from({ length: 24 }, (_, h) => 200 + Math.min(h, 30 - h)),
      ...Array.from({ length: 5 }, (_, h) => 300 + h),
    ];
    const bars = barsFromCloses(closes, { step: HOUR, halfRange: 0 }).map((b, i) =>
      i >= 24 && i < 48 ? { ...b, open: b.close, high: b.close, low: b.close } : b,
    );
    const levels = computeKeyLevels(bars, computeFeatures(bars, { intraday: true }));
    expect(levels.cadence).toBe('intraday');
    expect(levels.priorBar).toEqual({ ts: T0 + DAY, high: 215, low: 200, close: 207 });
  });

  it('when a swing low is confirmed, then its anchored VWAP equals the hand computation', () => {
    // Lows 10, 9, 8, 9, 10, 11, 12: the swing low (k = 2) is bar 2. Typical price = low + 1.
    const bars: Bar[] = [10, 9, 8, 9, 10, 11, 12].map((low, i) => ({
      ts: T0 + i * DAY,
      open: low + 1,
      high: low + 2,
      low,
      close: low + 1,
      volume: 100 * (i + 1),
    }));
    const levels = computeKeyLevels(bars, daily(bars), { timeframe: '1d', swingK: 2 });
    // (9*300 + 10*400 + 11*500 + 12*600 + 13*700) / (300 + 400 + 500 + 600 + 700) = 28500 / 2500
    expect(levels.anchoredVwaps.find((a) => a.anchor === 'swing-low')).toEqual({
      anchor: 'swing-low',
      anchorTs: T0 + 2 * DAY,
      price: 11.4,
    });
  });

  it('when daily bars cross a month end, then the period VWAP starts at the first bar of the month', () => {
    const start = Date.UTC(2024, 0, 29);
    const bars: Bar[] = [10, 20, 30, 40, 50].map((close, i) => ({
      ts: start + i * DAY,
      open: close,
      high: close,
      low: close,
      close,
      volume: i + 1,
    }));
    const levels = computeKeyLevels(bars, daily(bars), { timeframe: '1d' });
    // February starts at bar 3: (40*4 + 50*5) / 9 = 45.5556, rounded to 3 decimals near 50.
    expect(levels.anchoredVwaps.find((a) => a.anchor === 'period-start')).toEqual({
      anchor: 'period-start',
      anchorTs: Date.UTC(2024, 1, 1),
      price: 45.556,
      period: 'month',
    });
  });

  it('when price keeps turning at 110 and 100, then those levels are found with their touches', () => {
    // A 10-bar triangle wave between 100 and 110, six cycles, ending mid-range at 105.
    const wave = Array.from({ length: 63 }, (_, i) => 100 + 2 * Math.min(i % 10, 10 - (i % 10)));
    const bars = barsFromCloses(wave, { halfRange: 0.2 });
    const levels = computeKeyLevels(bars, daily(bars), { timeframe: '1d' });
    const resistance = levels.supportResistance.find((l) => l.kind === 'resistance');
    const support = levels.supportResistance.find((l) => l.kind === 'support');
    expect(resistance).toMatchObject({ price: 110.2, touches: 6 });
    // Lows at bars 10..50: bar 0 has no left side and bar 60 is not yet confirmed.
    expect(support).toMatchObject({ price: 99.8, touches: 5 });
    expect(resistance?.lastTouchTs).toBe(T0 + 55 * DAY);
    expect(resistance?.strength).toBeGreaterThan(90);
    expect(levels.rollingRange).toEqual({ lookback: 20, high: 110.2, low: 99.8 });
  });

  it.each([
    [0, ['lastClose', 'priorBar', 'pivots', 'rollingRange', 'atr']],
    [1, ['priorBar', 'pivots', 'rollingRange']],
    [5, ['rollingRange']],
  ])('when there are only %i bars, then it omits %j instead of throwing', (n, absent) => {
    const bars = barsFromCloses(Array.from({ length: n }, (_, i) => 100 + i));
    const levels = computeKeyLevels(bars, daily(bars));
    for (const key of absent) expect(levels).not.toHaveProperty(key);
    expect(levels.asOf).toBe(n === 0 ? null : T0 + (n - 1) * DAY);
    expect(levels.supportResistance).toEqual([]);
    expect(JSON.parse(JSON.stringify(levels))).toEqual(levels);
  });
});

describe('rollingExtremes (issue 13: a fresh multi-month high is more than a 20-bar high)', () => {
  const round = (v: number) => Math.round(v * 100) / 100;

  it('when a high made 240 bars ago still holds, then it is the 250-bar high and reaches the whole history', () => {
    // A peak at bar 60, then a slow fade: the 20-bar high is recent, the 250-bar high is the peak.
    const closes = Array.from({ length: 300 }, (_, i) => (i === 60 ? 150 : 120 - i * 0.05));
    const bars = barsFromCloses(closes);
    const extremes = rollingExtremes(bars, round);
    const highs = extremes.filter((e) => e.kind === 'high');
    // A slow fade: each window's high is its first bar, so the three are three different bars.
    expect(highs.map((e) => [e.window, e.age])).toEqual([
      [20, 19],
      [60, 59],
      [250, 238],
    ]);
    // Bar 61 opens at bar 60's close and ties its high; the later bar of a tie is the extreme.
    expect(highs[2]).toMatchObject({ price: 150.5, reach: 300, reachCapped: true });
    expect(highs[0]).toMatchObject({ reach: 20, reachCapped: false });
  });

  it('when the last bar makes a new high over the whole history, then its reach is the whole history', () => {
    const bars = barsFromCloses(
      Array.from({ length: 80 }, (_, i) => 100 + Math.sin(i / 5) * 3 + (i === 79 ? 10 : 0)),
    );
    const [high] = rollingExtremes(bars, round).filter((e) => e.kind === 'high');
    expect(high).toMatchObject({ window: 60, age: 0, reach: 80, reachCapped: true });
    const named = namedLevels(computeKeyLevels(bars, daily(bars), { timeframe: '1d' })).find(
      (l) => l.source === 'range-high',
    );
    expect(named).toMatchObject({ name: '60-bar high', significance: 75 });
  });

  it('when a high holds for a year of daily bars, then it is named the 52-week high and matters most', () => {
    const extreme = {
      kind: 'high',
      price: 10,
      ts: T0,
      window: 250,
      reach: 260,
      reachCapped: false,
      age: 40,
    } as const;
    expect(extremeName(extreme, 'daily')).toBe('52-week high');
    expect(extremeName(extreme, 'weekly')).toBe('250-bar high');
    expect(extremeSignificance(extreme)).toBe(85);
    expect(extremeSignificance({ ...extreme, reach: 25, window: 20 })).toBe(65);
  });

  it('when history is shorter than 20 bars, then there are no extremes', () => {
    expect(rollingExtremes(barsFromCloses([1, 2, 3]), round)).toEqual([]);
  });
});
