import { describe, expect, it } from 'vitest';
import { compatibility, regimeFit } from '../../src/evaluators/regime-fit.js';
import { inferStyle } from '../../src/evaluators/trade-style.js';
import type { ContextPack } from '../../src/market/context/index.js';
import type { RegimeSnapshot } from '../../src/market/regime/index.js';
import { intentOf, type IntentPatch } from '../helpers/context.js';
import { hmmOf, levelsOf, packOf, regimeOf } from './market-fixtures.js';

// Flat bars at 100, ATR 2, a 20-bar range 96-104 around them.
const range = levelsOf({ rollingRange: { lookback: 20, high: 104, low: 96 } });
const components = (adx: number, direction: number): RegimeSnapshot['trendComponents'] => ({
  adx,
  direction,
  structure: { bias: 'mixed', score: 0, higherHighs: 1, lowerHighs: 1, higherLows: 1, lowerLows: 1 },
});
const inRange = packOf({ levels: range, regime: regimeOf({ relVolume: 0.8 }) });
const squeeze = packOf({
  levels: range,
  regime: regimeOf({ volState: 'low', label: 'range · low volatility' }),
});
const downtrend = packOf({
  levels: range,
  latest: { ema50: 103 },
  regime: regimeOf({
    trendState: 'downtrend',
    trendStrength: 64,
    trendComponents: components(31, -0.6),
    label: 'downtrend · normal volatility',
  }),
});
const weakDown = packOf({
  levels: range,
  latest: { ema50: 103 },
  regime: regimeOf({ trendState: 'downtrend', trendStrength: 35, trendComponents: components(18, -0.35) }),
});
const uptrend = packOf({
  levels: range,
  latest: { ema50: 97 },
  regime: regimeOf({ trendState: 'uptrend', trendStrength: 60, trendComponents: components(30, 0.6) }),
});

type Case = [string, IntentPatch, ContextPack, string, number, string];

const MISMATCHES: Case[] = [
  [
    'a breakout long at the top of a normal-volatility range',
    { entry: 104, stop: 101, targets: [110] },
    inRange,
    'medium',
    0.45,
    'Wait for a 1d close beyond the 20-bar high 104 on volume above 1.5x average (the last bar: 0.8x).',
  ],
  [
    'a pullback long in a range',
    { entry: 99, stop: 97, targets: [103], thesis: 'buying the pullback' },
    inRange,
    'medium',
    0.35,
    'Treat it as a range trade: enter near the 20-bar low 96 (1.5 ATR lower) with the stop beyond it, and take profit by 104.',
  ],
  [
    'a pullback long in a strong downtrend',
    { entry: 99, stop: 97, targets: [103], thesis: 'dip buy, pullback to support' },
    downtrend,
    'high',
    0.15,
    'Wait for a 1d close above the 50-EMA at 103, or take it at half size (125 shares).',
  ],
  [
    'an oversold long against a strong downtrend',
    { entry: 99, stop: 97, targets: [103], thesis: 'oversold, should revert' },
    downtrend,
    'high',
    0.2,
    'Fade only when price is stretched: 2 ATR from the 20-EMA is 96 (the entry is 0.5 ATR from it); or take it at half size (125 shares).',
  ],
  [
    'a breakout long against a downtrend',
    { entry: 104, stop: 101, targets: [110], thesis: 'breakout above the range' },
    downtrend,
    'high',
    0.2,
    'Wait for a 1d close above the 50-EMA at 103',
  ],
];

const evaluate = (patch: IntentPatch, ctx: ContextPack) =>
  regimeFit.evaluate(intentOf(patch), ctx, regimeFit.defaults);

describe('regime-fit evaluator', () => {
  it.each(MISMATCHES)(
    'when %s, then the style is a poor fit with a way out (%#)',
    (_what, patch, ctx, severity, fit, mitigation) => {
      const issue = evaluate(patch, ctx).issues.find((i) => i.code === 'regime-style-mismatch');
      expect(issue, 'no regime-style-mismatch').toBeDefined();
      expect(issue?.severity).toBe(severity);
      expect(issue?.evidence.fit).toBe(fit);
      expect(issue?.mitigation).toContain(mitigation);
    },
  );

  it('when the trend runs against the idea, then the issue shares the counter-trend topic with MTFA, so a report shows it once', () => {
    const issue = evaluate({ entry: 99, stop: 97, targets: [103], thesis: 'pullback' }, downtrend).issues[0];
    expect(issue?.topic).toBe('counter-trend');
    expect(issue?.message).toBe(
      'A pullback long in a downtrend (ADX 31, trend strength 64/100, direction -0.6; downtrend · normal volatility): the trend runs against the long. Fit 15/100.',
    );
  });

  it.each([
    [
      'a pullback long in an uptrend',
      { entry: 99, stop: 97, targets: [104], thesis: 'pullback to the 20 EMA' },
      uptrend,
    ],
    ['a breakout long out of a low-volatility squeeze', { entry: 104, stop: 101, targets: [110] }, squeeze],
    [
      'a mean-reversion long at a range low',
      { entry: 96.5, stop: 95, targets: [100], thesis: 'oversold at range support' },
      inRange,
    ],
    [
      'a mean-reversion long against a weak downtrend',
      { entry: 99, stop: 97, targets: [103], thesis: 'fade the selloff' },
      weakDown,
    ],
  ] as const)('when %s, then there is no mismatch', (_what, patch, ctx) => {
    expect(evaluate(patch, ctx).issues.map((i) => i.code)).not.toContain('regime-style-mismatch');
  });

  it.each([
    [0.29, undefined],
    [0.3, 'medium'],
    [0.5, 'high'],
  ] as const)('when the HMM transition risk is %d, then the transition issue is %s', (risk, expected) => {
    const ctx = packOf({
      levels: range,
      regime: regimeOf({ hmm: hmmOf({ current: 0, transitionRisk: risk, calmProb: 0.7 }) }),
    });
    const issue = evaluate({ entry: 99, stop: 97, targets: [103] }, ctx).issues.find(
      (i) => i.code === 'regime-transition-risk',
    );
    expect(issue?.severity).toBe(expected);
    if (issue) expect(issue.topic).toBe('regime-transition');
  });

  it('when the regime is known, then the facts name it with the style and where the style came from', () => {
    expect(evaluate({ entry: 104, stop: 101, targets: [110] }, inRange).explainFacts).toMatchObject({
      regime: 'range · normal volatility',
      trendState: 'range',
      style: 'breakout',
      styleSource: 'plan',
      fit: 0.45,
    });
  });
});

describe('style inference', () => {
  it.each([
    ['breaking out of the flag', 'breakout'],
    ['new highs on volume', 'breakout'],
    ['buy the dip to the 50', 'pullback'],
    ['retesting broken resistance', 'pullback'],
    ['oversold bounce', 'mean-reversion'],
    ['fade the breakout', 'mean-reversion'],
    ['mean reversion to VWAP', 'mean-reversion'],
  ])('when the thesis says "%s", then the style is %s', (thesis, style) => {
    expect(inferStyle(intentOf({ stop: 97, thesis }), inRange)).toMatchObject({ style, source: 'thesis' });
  });

  it.each([
    ['at the 20-bar high', { entry: 103.9 }, inRange, 'breakout'],
    ['a stop order above the close', { entry: 101, orderType: 'stop' }, inRange, 'breakout'],
    ['below the close with price above its 50-EMA', { entry: 99 }, uptrend, 'pullback'],
    ['above the close with price above its 50-EMA', { entry: 101 }, uptrend, 'trend-following'],
    [
      'against the 50-EMA with RSI 35',
      { entry: 99 },
      packOf({ levels: range, latest: { ema50: 103, rsi14: 35 } }),
      'mean-reversion',
    ],
    ['inside a range on a flat EMA', { entry: 99 }, inRange, 'unclassified'],
    // Issue 13: a counter-trend entry without a stretched RSI was "unclassified" and skipped.
    ['against a strong downtrend with RSI 50', { entry: 99 }, downtrend, 'counter-trend'],
  ] as const)('when a long without a thesis enters %s, then the style is %s', (_what, patch, ctx, style) => {
    expect(inferStyle(intentOf({ stop: 90, ...patch }), ctx)).toMatchObject({ style, source: 'plan' });
  });

  it('when a long fights a strong downtrend with RSI not stretched, then RegimeFit names it a counter-trend entry', () => {
    const result = regimeFit.evaluate(
      intentOf({ entry: 99, stop: 95, targets: [107] }),
      downtrend,
      regimeFit.defaults,
    );
    const issue = result.issues.find((i) => i.code === 'regime-style-mismatch');
    expect(issue).toMatchObject({ severity: 'high', topic: 'counter-trend' });
    expect(issue?.evidence).toMatchObject({ style: 'counter-trend', fit: 0.1 });
  });

  it.each([
    ['breakout', 'with', 'normal', 0.9],
    ['breakout', 'range', 'low', 0.7],
    ['breakout', 'range', 'high', 0.35],
    ['pullback', 'against', 'normal', 0.15],
    ['mean-reversion', 'range', 'normal', 0.9],
    ['mean-reversion', 'with', 'normal', 0.6],
  ] as const)(
    'when a %s trade is %s the trend in %s volatility, then the fit is %d',
    (style, relation, volState, fit) => {
      expect(compatibility(style, relation, { regime: regimeOf({ volState, trendStrength: 40 }) }, 50)).toBe(
        fit,
      );
    },
  );
});
