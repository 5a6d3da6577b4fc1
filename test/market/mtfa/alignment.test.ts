import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../src/market/features/index.js';
import { MTFA_VERSION, computeAlignment, type MtfaFrameInput } from '../../../src/market/mtfa/index.js';
import type { Timeframe } from '../../../src/market/types.js';
import { DAY, barsFromCloses, flatNoise, staircase } from '../levels/bar-fixtures.js';

const STEP: Partial<Record<Timeframe, number>> = { '1d': DAY, '1w': 7 * DAY, '1M': 30 * DAY };

function frame(timeframe: Timeframe, closes: number[]): MtfaFrameInput {
  const bars = barsFromCloses(closes, { step: STEP[timeframe] ?? DAY });
  return { timeframe, bars, features: computeFeatures(bars, { intraday: false }) };
}

const up = (n: number) => staircase(n, 0.5);
const down = (n: number) => staircase(n, -0.5, 100 + 0.5 * n);
const series = { up, down };

describe('computeAlignment', () => {
  // Bounds, not exact scores: a staircase's last bar may sit on a down-leg of its wave, where
  // momentum turns mixed while trend and structure still point up.
  it.each([
    ['long', 'up', 'up', 'up', 80, 100],
    ['short', 'up', 'up', 'up', 0, 20],
    ['short', 'down', 'down', 'down', 80, 100],
    ['long', 'up', 'down', 'down', 0, 30],
    ['long', 'down', 'up', 'up', 60, 90],
  ] as const)(
    'when a %s meets 1d/1w/1M series going %s/%s/%s, then the score is in [%i, %i]',
    (side, d, w, m, lo, hi) => {
      const result = computeAlignment(side, [
        frame('1d', series[d](300)),
        frame('1w', series[w](200)),
        frame('1M', series[m](120)),
      ]);
      expect(result.score).toBeGreaterThanOrEqual(lo);
      expect(result.score).toBeLessThanOrEqual(hi);
      expect(result.version).toBe(MTFA_VERSION);
    },
  );

  it('when the weekly trend opposes a daily long, then the conflict names the weekly downtrend and its distance', () => {
    const result = computeAlignment('long', [frame('1d', up(300)), frame('1w', down(200))]);
    const trend = result.conflicts.find((c) => c.timeframe === '1w' && c.aspect === 'trend');
    expect(trend?.message).toMatch(
      /^long on 1d while 1w is in a downtrend below its 50-EMA \(-\d+\.\d ATR\)$/,
    );
    expect(trend?.evidence.distanceAtr).toBeLessThan(0);
    expect(result.conflicts.map((c) => [c.timeframe, c.aspect])).toEqual([
      ['1w', 'trend'],
      ['1w', 'structure'],
      ['1w', 'momentum'],
    ]);
    expect(result.conflicts.find((c) => c.aspect === 'structure')?.message).toMatch(
      /1w prints lower highs and lower lows/,
    );
  });

  it('when every frame agrees with the intent, then there are no conflicts', () => {
    const result = computeAlignment('short', [frame('1d', down(300)), frame('1w', down(200))]);
    expect(result.conflicts).toEqual([]);
    expect(result.frames.map((f) => f.status === 'ok' && [f.trend, f.structure, f.momentum])).toEqual([
      ['down', 'down', 'down'],
      ['down', 'down', 'down'],
    ]);
  });

  it('when the intent timeframe itself opposes the intent, then the message says so', () => {
    const result = computeAlignment('short', [frame('1d', up(300))]);
    expect(result.conflicts[0]?.message).toMatch(
      /^short on 1d against a 1d uptrend: price above its 50-EMA \(\+\d+\.\d ATR\)$/,
    );
  });

  it('when a higher frame has too few bars, then it is reported insufficient and left out of the score', () => {
    const result = computeAlignment('long', [frame('1w', down(30)), frame('1d', up(300))]);
    expect(result.intentTimeframe).toBe('1d');
    expect(result.frames.map((f) => [f.timeframe, f.status, f.weight])).toEqual([
      ['1d', 'ok', 1],
      ['1w', 'insufficient', 2],
    ]);
    expect(result.frames[1]).toMatchObject({ bars: 30, required: 55, reason: '30 bars, 55 needed' });
    expect(result.score).toBeGreaterThan(80);
    expect(result.conflicts).toEqual([]);
  });

  it('when a frame is flat noise, then it neither supports nor strongly opposes the intent', () => {
    const result = computeAlignment('long', [frame('1d', flatNoise(300, 3))]);
    expect(result.score).toBeGreaterThan(20);
    expect(result.score).toBeLessThan(80);
  });

  it('when no frame is given, then there is no score', () => {
    const result = computeAlignment('long', []);
    expect(result).not.toHaveProperty('score');
    expect(result.frames).toEqual([]);
  });
});
