import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../src/market/features/index.js';
import { REGIME_VERSION, computeRegime } from '../../../src/market/regime/index.js';
import type { Bar } from '../../../src/market/types.js';
import { DAY, T0, barsFromCloses, flatNoise, staircase } from '../levels/bar-fixtures.js';
import { gaussian, mulberry32 } from '../../../src/market/data/index.js';

const regimeOf = (bars: Bar[], hmm = false) =>
  computeRegime(bars, computeFeatures(bars, { intraday: false }), hmm ? {} : { hmm: false });

/** Bars whose volatility switches once: `calm` bars then `wild` bars, or the reverse. */
function switchingBars(first: 'calm' | 'wild', n1: number, n2: number, seed: number): Bar[] {
  const z = gaussian(mulberry32(seed));
  const bars: Bar[] = [];
  let close = 100;
  for (let i = 0; i < n1 + n2; i += 1) {
    const wild = i < n1 === (first === 'wild');
    const open = close;
    close *= Math.exp((wild ? 0.03 : 0.005) * z());
    const half = (close * (wild ? 0.05 : 0.01) * Math.exp(0.2 * z())) / 2;
    bars.push({
      ts: T0 + i * DAY,
      open,
      high: Math.max(open, close) + half,
      low: Math.min(open, close) - half,
      close,
      volume: 1e6,
    });
  }
  return bars;
}

describe('computeRegime: trend', () => {
  it.each([
    ['a rising staircase', staircase(300, 0.5), 'uptrend'],
    ['a falling staircase', staircase(300, -0.5, 300), 'downtrend'],
    ['flat noise (seed 1)', flatNoise(300, 1), 'range'],
    ['flat noise (seed 2)', flatNoise(300, 2), 'range'],
    ['flat noise (seed 3)', flatNoise(300, 3), 'range'],
  ])('when the series is %s, then the trend state is %s', (_name, closes, state) => {
    const regime = regimeOf(barsFromCloses(closes));
    expect(regime.trendState).toBe(state);
    if (state === 'range') expect(regime.trendStrength).toBeLessThan(40);
    else expect(regime.trendStrength).toBeGreaterThan(70);
  });

  it('when the staircase rises, then the components show higher highs, higher lows and rising EMAs', () => {
    const { trendComponents: c } = regimeOf(barsFromCloses(staircase(300, 0.5)));
    expect(c.structure).toMatchObject({
      bias: 'up',
      higherHighs: 3,
      higherLows: 3,
      lowerHighs: 0,
      lowerLows: 0,
    });
    expect(c.emaSlope20Atr).toBeGreaterThan(0);
    expect(c.emaSlope50Atr).toBeGreaterThan(0);
    expect(c.adx).toBeGreaterThan(25);
  });
});

describe('computeRegime: volatility and liquidity', () => {
  it.each([
    ['ranges widen fourfold for the last 15 bars', 0.5, 2, 'high', true],
    ['ranges narrow to a fifth for the last 30 bars', 2, 0.4, 'low', false],
  ])('when %s, then volatility is %s (expansion %s)', (_name, before, after, state, expansion) => {
    const closes = flatNoise(300, 4, 100, 0.1);
    const split = after > before ? 285 : 270;
    const bars = [
      ...barsFromCloses(closes.slice(0, split), { halfRange: before }),
      ...barsFromCloses(closes.slice(split), { halfRange: after, start: T0 + split * DAY }),
    ];
    const regime = regimeOf(bars);
    expect(regime.volState).toBe(state);
    expect(regime.volExpansion).toBe(expansion);
    if (state === 'high') expect(regime.atrPercentile).toBeGreaterThan(90);
    else expect(regime.atrPercentile).toBeLessThan(10);
  });

  it.each([
    [3, 'heavy'],
    [1, 'normal'],
    [0.2, 'thin'],
  ])('when the last bar trades %dx the usual volume, then liquidity is %s', (multiple, state) => {
    const bars = barsFromCloses(flatNoise(60, 5), { volume: 1000 });
    bars[59] = { ...(bars[59] as Bar), volume: 1000 * multiple };
    const regime = regimeOf(bars);
    expect(regime.liquidityState).toBe(state);
    expect(regime.relVolume).toBeCloseTo(multiple, 6);
  });

  it('when every bar spans 2 on a close of 100, then the spread proxy is 200 bps', () => {
    const bars = barsFromCloses(
      Array.from({ length: 30 }, () => 100),
      { halfRange: 1 },
    );
    expect(regimeOf(bars).spreadProxy).toBe(200);
  });
});

describe('computeRegime: HMM state', () => {
  it.each([
    ['calm', 'wild', 'volatile'],
    ['wild', 'calm', 'calm'],
  ] as const)('when %s bars are followed by %s ones, then the current state is %s', (first, _then, label) => {
    const regime = regimeOf(switchingBars(first, 400, 40, 17), true);
    const hmm = regime.hmm;
    expect(hmm?.states[hmm.currentState]?.label).toBe(label);
    expect(hmm?.states[hmm.currentState]?.prob).toBeGreaterThan(0.9);
    expect(regime.label).toContain(`${label} state`);
  });

  it('when the model is fitted, then probabilities sum to 1 and the transition risk follows from them', () => {
    const hmm = regimeOf(switchingBars('calm', 300, 200, 23), true).hmm;
    if (!hmm) throw new Error('expected an HMM snapshot');
    expect(hmm.states.reduce((a, s) => a + s.prob, 0)).toBeCloseTo(1, 3);
    expect(hmm.states[0]?.meanVol).toBeLessThan(hmm.states[1]?.meanVol ?? 0);
    const stay = hmm.states.reduce(
      (a, s) => a + s.prob * (hmm.transitionMatrix[s.id]?.[hmm.currentState] ?? 0),
      0,
    );
    expect(hmm.transitionRisk).toBeCloseTo(1 - stay, 3);
    expect(hmm.converged).toBe(true);
  });
});

describe('computeRegime: short history', () => {
  it('when there are only 10 bars, then every part is insufficient and nothing throws', () => {
    const regime = regimeOf(barsFromCloses(staircase(10)), true);
    expect(regime).toMatchObject({
      version: REGIME_VERSION,
      trendState: 'insufficient',
      volState: 'insufficient',
      liquidityState: 'insufficient',
      label: 'trend unknown · volatility unknown',
    });
    expect(regime).not.toHaveProperty('hmm');
    expect(JSON.parse(JSON.stringify(regime))).toEqual(regime);
  });

  it('when there are no bars, then asOf is null', () => {
    expect(regimeOf([]).asOf).toBeNull();
  });
});
