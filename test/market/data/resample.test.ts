import { describe, expect, it } from 'vitest';
import { bucketStart, canResample, resample } from '../../../src/market/data/resample.js';
import { TIMEFRAMES, type Bar, type Timeframe } from '../../../src/market/types.js';

const day = (y: number, m: number, d: number, hour = 0): number => Date.UTC(y, m - 1, d, hour);
const bar = (ts: number, open: number, high: number, low: number, close: number, volume: number): Bar => ({
  ts,
  open,
  high,
  low,
  close,
  volume,
});

describe('resample 1d -> 1w', () => {
  // Wed 3 Jan 2024 .. Tue 16 Jan 2024, with a Sunday bar (7 Jan) as crypto venues print.
  const daily = [
    bar(day(2024, 1, 3), 100, 104, 99, 103, 10),
    bar(day(2024, 1, 4), 103, 106, 101, 102, 20),
    bar(day(2024, 1, 5), 102, 103, 97, 98, 30),
    bar(day(2024, 1, 7), 98, 99, 96, 97, 5),
    bar(day(2024, 1, 8), 97, 101, 95, 100, 40),
    bar(day(2024, 1, 9), 100, 108, 99, 107, 50),
    bar(day(2024, 1, 12), 107, 110, 105, 109, 60),
    bar(day(2024, 1, 15), 109, 112, 108, 111, 70),
    bar(day(2024, 1, 16), 111, 111, 102, 104, 80),
  ];

  it('when daily bars span three weeks, then each week starts on Monday with first open, max high, min low, last close, summed volume', () => {
    expect(resample(daily, '1d', '1w')).toEqual([
      bar(day(2024, 1, 1), 100, 106, 96, 97, 65),
      bar(day(2024, 1, 8), 97, 110, 95, 109, 150),
      bar(day(2024, 1, 15), 109, 112, 102, 104, 150),
    ]);
  });

  it('when weeks are resampled, then volume is conserved and no bar is lost', () => {
    const weeks = resample(daily, '1d', '1w');
    expect(weeks.reduce((s, b) => s + b.volume, 0)).toBe(daily.reduce((s, b) => s + b.volume, 0));
    expect(Math.max(...weeks.map((b) => b.high))).toBe(Math.max(...daily.map((b) => b.high)));
    expect(Math.min(...weeks.map((b) => b.low))).toBe(Math.min(...daily.map((b) => b.low)));
  });

  it('when the input is resampled, then the input bars are not modified', () => {
    const copy = structuredClone(daily);
    resample(daily, '1d', '1w');
    expect(daily).toEqual(copy);
  });
});

describe('resample 1d -> 1M', () => {
  it('when daily bars cross two month ends (through a leap day), then there is one bar per calendar month', () => {
    const daily = [
      bar(day(2024, 1, 30), 50, 52, 49, 51, 1),
      bar(day(2024, 1, 31), 51, 55, 50, 54, 2),
      bar(day(2024, 2, 1), 54, 56, 53, 53, 3),
      bar(day(2024, 2, 29), 53, 54, 48, 49, 4),
      bar(day(2024, 3, 1), 49, 50, 47, 50, 5),
    ];
    expect(resample(daily, '1d', '1M')).toEqual([
      bar(day(2024, 1, 1), 50, 55, 49, 54, 3),
      bar(day(2024, 2, 1), 54, 56, 48, 49, 7),
      bar(day(2024, 3, 1), 49, 50, 47, 50, 5),
    ]);
  });
});

describe('resample intraday', () => {
  it('when hourly bars straddle UTC midnight, then 1d buckets split at midnight', () => {
    const hourly = [
      bar(day(2024, 1, 1, 22), 10, 11, 9, 10.5, 100),
      bar(day(2024, 1, 1, 23), 10.5, 12, 10, 11.5, 200),
      bar(day(2024, 1, 2, 0), 11.5, 11.6, 8, 9, 300),
      bar(day(2024, 1, 2, 1), 9, 10, 8.5, 9.5, 400),
    ];
    expect(resample(hourly, '1h', '1d')).toEqual([
      bar(day(2024, 1, 1), 10, 12, 9, 11.5, 300),
      bar(day(2024, 1, 2), 11.5, 11.6, 8, 9.5, 700),
    ]);
  });

  it('when hourly bars are resampled to 4h, then buckets start at 00, 04, 08 ... UTC', () => {
    const hourly = [3, 4, 5, 6, 7, 8].map((h, i) =>
      bar(day(2024, 1, 1, h), 10 + i, 11 + i, 9 + i, 10.5 + i, 10),
    );
    expect(
      resample(hourly, '1h', '4h').map((b) => [new Date(b.ts).getUTCHours(), b.open, b.close, b.volume]),
    ).toEqual([
      [0, 10, 10.5, 10],
      [4, 11, 14.5, 40],
      [8, 15, 15.5, 10],
    ]);
  });

  it('when the input is empty, then the output is empty', () => {
    expect(resample([], '1h', '1d')).toEqual([]);
  });
});

describe('resample direction', () => {
  it.each([
    ['1d', '1h'],
    ['1d', '1d'],
    ['1w', '1d'],
    ['1M', '1w'],
    ['4h', '1h'],
  ] as [Timeframe, Timeframe][])('when %s bars are resampled to %s, then it is refused', (from, to) => {
    expect(() => resample([bar(day(2024, 1, 1), 1, 1, 1, 1, 1)], from, to)).toThrow(
      `cannot resample ${from} bars to ${to}: the target must be a higher timeframe`,
    );
  });

  it('when every pair of timeframes is checked, then only strictly higher targets are allowed', () => {
    for (const [i, from] of TIMEFRAMES.entries()) {
      for (const [j, to] of TIMEFRAMES.entries()) expect(canResample(from, to)).toBe(j > i);
    }
  });
});

describe('bucketStart', () => {
  it.each([
    [day(2024, 1, 7, 12), '1w', day(2024, 1, 1)],
    [day(2024, 1, 8), '1w', day(2024, 1, 8)],
    [day(2024, 1, 1), '1w', day(2024, 1, 1)],
    [day(2023, 12, 31, 23), '1w', day(2023, 12, 25)],
    [day(2024, 2, 29, 13), '1M', day(2024, 2, 1)],
    [day(2024, 1, 1, 5) + 59 * 60_000, '4h', day(2024, 1, 1, 4)],
    [day(2024, 1, 1, 5) + 59 * 60_000, '15m', day(2024, 1, 1, 5) + 45 * 60_000],
    [day(2024, 3, 10, 23) + 30 * 60_000, '1d', day(2024, 3, 10)],
    [day(2024, 1, 1, 1) + 7 * 60_000, '5m', day(2024, 1, 1, 1) + 5 * 60_000],
  ] as [number, Timeframe, number][])(
    'when ts is %d and the target is %s, then the bucket starts at %d',
    (ts, tf, start) => {
      expect(bucketStart(ts, tf)).toBe(start);
    },
  );
});
