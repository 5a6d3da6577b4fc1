import { describe, expect, it } from 'vitest';
import { exitPlan, typicalBars } from '../../src/evaluators/exit-plan.js';
import type { ContextPack } from '../../src/market/context/index.js';
import type { Timeframe } from '../../src/market/types.js';
import { constantRangeBars, contextPack, intentOf, mirrored, type IntentPatch } from '../helpers/context.js';

// ATR(14) = 2 on every frame below (bars span 2 around 100).
const ctx = contextPack();
const lenient = contextPack({ rules: { requireStop: false } });
const demanding = contextPack({ rules: { minRewardRisk: 2 } });
const onFrame = (timeframe: Timeframe) => contextPack({ timeframe, bars: constantRangeBars({ timeframe }) });

const run = (input: IntentPatch, context: ContextPack = ctx) =>
  exitPlan.evaluate(intentOf(input), context, exitPlan.defaults);

type Case = [string, IntentPatch, ContextPack, string, string, Record<string, unknown>, string[]];

const CASES: Case[] = [
  [
    'no stop on a long, stops required',
    { targets: [106], timeStopBars: 12 },
    ctx,
    'no-stop',
    'critical',
    { atr14: 2, suggestedStop: 97, suggestedStopAtr: 1.5 },
    ['would be 97', 'ATR 2'],
  ],
  [
    'no stop on a short, stops required',
    { side: 'short', targets: [94], timeStopBars: 12 },
    ctx,
    'no-stop',
    'critical',
    { suggestedStop: 103 },
    ['would be 103'],
  ],
  [
    'no stop, stops not required by the rules',
    { targets: [106], timeStopBars: 12 },
    lenient,
    'no-stop',
    'high',
    { suggestedStop: 97 },
    ['would be 97'],
  ],
  [
    'no target on a long',
    { stop: 97 },
    ctx,
    'no-target',
    'medium',
    { minRewardRisk: 1.5, suggestedTarget: 104.5 },
    ['target at 104.5 is 1.5R'],
  ],
  [
    'no target on a short',
    { side: 'short', stop: 103 },
    ctx,
    'no-target',
    'medium',
    { suggestedTarget: 95.5 },
    ['target at 95.5'],
  ],
  [
    'no target, a 2R minimum',
    { stop: 97 },
    demanding,
    'no-target',
    'medium',
    { minRewardRisk: 2, suggestedTarget: 106 },
    ['target at 106 is 2R'],
  ],
  // Issue 13: "no time stop" is advice (info), shown as a tip, never ranked among the findings.
  [
    'no time stop, target 3 ATR away',
    { stop: 97, targets: [106] },
    ctx,
    'no-time-stop',
    'info',
    { targetAtr: 3, typicalBarsToTarget: 9, suggestedTimeStopBars: 14 },
    ['within 14 bars on the 1d chart'],
  ],
  [
    'no time stop, target 2.5 ATR away',
    { stop: 97, targets: [105] },
    ctx,
    'no-time-stop',
    'info',
    { targetAtr: 2.5, typicalBarsToTarget: 7, suggestedTimeStopBars: 11 },
    ['within 11 bars on the 1d chart'],
  ],
  [
    'no time stop on the 1h chart',
    { stop: 97, targets: [106] },
    onFrame('1h'),
    'no-time-stop',
    'info',
    { typicalBarsToTarget: 9 },
    ['within 14 bars on the 1h chart'],
  ],
  [
    'a 28-bar time stop for a 9-bar move',
    { stop: 97, targets: [106], timeStopBars: 28 },
    ctx,
    'time-stop-loose',
    'low',
    { timeStopBars: 28, typicalBarsToTarget: 9 },
    ['near 14 bars'],
  ],
  [
    'a target 9 ATR away',
    { stop: 94, targets: [118], timeStopBars: 100 },
    ctx,
    'target-beyond-timeframe',
    'medium',
    { targetAtr: 9, maxTargetAtr: 8, atr14: 2 },
    ['partial profit at 108 (4 ATR)'],
  ],
  [
    'a short target 9 ATR away',
    { side: 'short', stop: 106, targets: [82], timeStopBars: 100 },
    ctx,
    'target-beyond-timeframe',
    'medium',
    { targetAtr: 9 },
    ['partial profit at 92 (4 ATR)'],
  ],
  [
    'long targets out of order',
    { stop: 97, targets: [110, 105], timeStopBars: 30 },
    ctx,
    'targets-out-of-order',
    'low',
    { targets: '110, 105' },
    ['nearest first: 105, 110'],
  ],
  [
    'short targets out of order',
    { side: 'short', stop: 103, targets: [90, 95, 85], timeStopBars: 30 },
    ctx,
    'targets-out-of-order',
    'low',
    { targets: '90, 95, 85' },
    ['nearest first: 95, 90, 85'],
  ],
  [
    'an intraday trade on the daily chart',
    { stop: 97, targets: [106], timeStopBars: 12, holdingHorizon: 'intraday' },
    ctx,
    'horizon-timeframe-mismatch',
    'low',
    { holdingHorizon: 'intraday', timeframe: '1d' },
    ['1m / 5m / 15m / 30m / 1h'],
  ],
  [
    'a position trade on the 1h chart',
    { stop: 97, targets: [106], timeStopBars: 12, holdingHorizon: 'position' },
    onFrame('1h'),
    'horizon-timeframe-mismatch',
    'low',
    { holdingHorizon: 'position', timeframe: '1h' },
    ['1d / 1w / 1M'],
  ],
  [
    'a swing trade on the 15m chart',
    { stop: 97, targets: [106], timeStopBars: 12, holdingHorizon: 'swing' },
    onFrame('15m'),
    'horizon-timeframe-mismatch',
    'low',
    { timeframe: '15m' },
    ['1h / 4h / 1d'],
  ],
];

describe('exit-plan evaluator', () => {
  it.each(CASES)(
    'when the idea has %s, then it raises the right issue (%#)',
    (_what, input, context, code, severity, evidence, mitigation) => {
      const issue = run(input, context).issues.find((i) => i.code === code);
      expect(issue, `no ${code}`).toBeDefined();
      expect(issue?.severity).toBe(severity);
      expect(issue?.evidence).toMatchObject(evidence);
      for (const text of mitigation) expect(issue?.mitigation).toContain(text);
    },
  );

  it.each([
    ['long', { stop: 97, targets: [106], timeStopBars: 12 }],
    ['short', { side: 'short', stop: 103, targets: [94], timeStopBars: 12 }],
    [
      'long with a matching swing horizon',
      { stop: 97, targets: [104, 106], timeStopBars: 10, holdingHorizon: 'swing' },
    ],
  ] as const)('when a complete %s plan is checked, then there are no issues', (_what, input) => {
    const result = run(input);
    expect(result.issues).toEqual([]);
    expect(result.score).toBe(100);
  });

  it('when the time stop is exactly the loose factor times the typical bars, then it is not loose', () => {
    expect(run({ stop: 97, targets: [106], timeStopBars: 27 }).issues).toEqual([]);
  });

  it('when there is neither stop nor target, then both are reported and no time yardstick is invented', () => {
    const result = run({});
    expect(result.issues.map((i) => i.code)).toEqual(['no-stop', 'no-target']);
    expect(result.issues[1]?.mitigation).toBe(
      'Set a stop first, then a target at least your minimum R:R away.',
    );
    expect(result.explainFacts).toMatchObject({
      hasStop: false,
      hasTarget: false,
      targetAtr: null,
      typicalBarsToTarget: null,
    });
  });

  it('when the ATR is not warmed up yet, then the missing stop is reported without a suggested price', () => {
    const issue = run(
      { targets: [106] },
      contextPack({ bars: constantRangeBars({ count: 10 }) }),
    ).issues.find((i) => i.code === 'no-stop');
    expect(issue?.evidence).toMatchObject({ atr14: null, suggestedStop: null });
    expect(issue?.mitigation).toBe('Decide where the idea is wrong and put the stop just beyond it.');
  });
});

describe('typicalBars', () => {
  it.each([
    [0, 1],
    [0.5, 1],
    [1, 1],
    [1.01, 2],
    [2.5, 7],
    [3, 9],
    [4.5, 21],
    [10, 100],
  ])('when a move is %d ATR, then it typically takes %d bars (ceil of the square)', (atrs, bars) => {
    expect(typicalBars(atrs)).toBe(bars);
  });
});

describe('long/short symmetry of exit-plan', () => {
  it.each([
    ['a complete plan', { stop: 97, targets: [106], timeStopBars: 12 }],
    ['no stop', { targets: [106] }],
    ['no target', { stop: 97 }],
    ['no time stop', { stop: 97, targets: [105] }],
    ['a loose time stop', { stop: 97, targets: [106], timeStopBars: 40 }],
    ['a far target', { stop: 94, targets: [118], timeStopBars: 100 }],
    ['targets out of order', { stop: 97, targets: [110, 105], timeStopBars: 30 }],
    ['a horizon mismatch', { stop: 97, targets: [106], timeStopBars: 12, holdingHorizon: 'intraday' }],
  ] as const)(
    'when a long with %s is mirrored into a short, then the same issues are raised',
    (_what, input) => {
      const long = intentOf(input);
      const a = exitPlan.evaluate(long, ctx, exitPlan.defaults);
      const b = exitPlan.evaluate(mirrored(long), ctx, exitPlan.defaults);
      expect(b.issues.map((i) => [i.code, i.severity])).toEqual(a.issues.map((i) => [i.code, i.severity]));
      expect(b.explainFacts).toEqual(a.explainFacts);
    },
  );
});
