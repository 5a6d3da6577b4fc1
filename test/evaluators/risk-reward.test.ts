import { describe, expect, it } from 'vitest';
import { positionMath } from '../../src/evaluators/position-math.js';
import { riskReward, slippagePerShare } from '../../src/evaluators/risk-reward.js';
import type { ContextPack } from '../../src/market/context/index.js';
import { constantRangeBars, contextPack, intentOf, mirrored, type IntentPatch } from '../helpers/context.js';

// Every bar spans 2 around a close of 100, so ATR(14) = 2 and the median range is 2%. Equity
// 50,000 at a 1% limit is 500 of risk; 10M shares a day keeps slippage negligible.
const ctx = contextPack();
const thin = contextPack({ bars: constantRangeBars({ volume: 10_000 }) });
const mid = contextPack({ bars: constantRangeBars({ volume: 200_000, range: 1 }) });
const tiny = contextPack({ bars: constantRangeBars({ volume: 5_000, range: 0.4 }) });
const capped = contextPack({ rules: { maxPositionPct: 20 } });

const run = (input: IntentPatch, context: ContextPack = ctx) =>
  riskReward.evaluate(intentOf(input), context, riskReward.defaults);
const onePct = { kind: 'risk-pct', value: 1 } as const;

type Case = [string, IntentPatch, ContextPack, string, string, Record<string, number>, string[]];

const CASES: Case[] = [
  [
    'R:R 1.33 under a 1.5 minimum',
    { stop: 97, targets: [104], size: onePct },
    ctx,
    'rr-below-minimum',
    'medium',
    { rr: 1.33, riskPerShare: 3, rewardPerShare: 4, minRewardRisk: 1.5 },
    ['target at 104.5', 'stop at 97.33', '1.5R'],
  ],
  [
    'R:R 0.67, under 1',
    { stop: 97, targets: [102], size: onePct },
    ctx,
    'rr-below-minimum',
    'high',
    { rr: 0.67, riskPerShare: 3, rewardPerShare: 2 },
    ['target at 104.5', 'stop at 98.67'],
  ],
  [
    '1.5% risk against a 1% limit',
    { stop: 97, targets: [106], size: { kind: 'risk-pct', value: 1.5 } },
    ctx,
    'risk-above-limit',
    'high',
    { riskAmount: 750, riskPct: 1.5, maxRiskPct: 1, shares: 250, equity: 50_000 },
    ['166 shares', 'keep the risk at 498 (1% of equity)'],
  ],
  [
    '300 shares with a 3-point stop (1.8%)',
    { stop: 97, targets: [106], size: { kind: 'shares', value: 300 } },
    ctx,
    'risk-above-limit',
    'high',
    { riskAmount: 900, riskPct: 1.8, shares: 300 },
    ['166 shares'],
  ],
  [
    '3% risk, over twice the limit',
    { stop: 97, targets: [106], size: { kind: 'risk-pct', value: 3 } },
    ctx,
    'risk-above-limit',
    'critical',
    { riskAmount: 1500, riskPct: 3, shares: 500 },
    ['166 shares', 'at 498 (1% of equity), inside your 1% limit'],
  ],
  [
    'no size at all',
    { stop: 97, targets: [106] },
    ctx,
    'size-not-set',
    'low',
    { sharesAtMaxRisk: 166, maxRiskPct: 1, equity: 50_000, riskPerShare: 3 },
    ['166 shares', '16,600 notional'],
  ],
  [
    'a 15,000 position against a 20% cap',
    { stop: 98, targets: [104], size: { kind: 'notional', value: 15_000 } },
    capped,
    'position-too-large',
    'medium',
    { notional: 15_000, notionalPct: 30, maxPositionPct: 20 },
    ['At most 100 shares'],
  ],
  [
    'a 25,000 position, over twice the cap',
    { stop: 98, targets: [104], size: { kind: 'notional', value: 25_000 } },
    capped,
    'position-too-large',
    'high',
    { notional: 25_000, notionalPct: 50 },
    ['At most 100 shares'],
  ],
  [
    'a stop 0.4 ATR away',
    { stop: 99.2, targets: [102], size: onePct },
    ctx,
    'stop-inside-noise',
    'medium',
    { stopDistance: 0.8, atr14: 2, stopInAtr: 0.4, noiseStopAtr: 0.5 },
    ['at 98', '250 shares'],
  ],
  [
    'a stop 0.2 ATR away',
    { stop: 99.6, targets: [101], size: onePct },
    ctx,
    'stop-inside-noise',
    'high',
    { stopDistance: 0.4, stopInAtr: 0.2 },
    ['at 98', '250 shares'],
  ],
  [
    'a stop 5 ATR away',
    { stop: 90, targets: [120], size: onePct },
    ctx,
    'stop-very-wide',
    'low',
    { stopInAtr: 5, atr14: 2, wideStopAtr: 4 },
    ['stop at 96 (2 ATR)'],
  ],
  [
    '166 shares against 10,000 a day',
    { stop: 97, targets: [106], size: onePct },
    thin,
    'thin-liquidity',
    'medium',
    {
      slippageR: 0.27,
      slippagePerShare: 0.4046,
      advParticipationPct: 1.66,
      avgVolume20: 10_000,
      medianRangePct20: 2,
    },
    ['under 100 shares', '1% of volume'],
  ],
  [
    '2,000 shares against 10,000 a day',
    { stop: 97, targets: [106], size: { kind: 'shares', value: 2_000 } },
    thin,
    'thin-liquidity',
    'high',
    { advParticipationPct: 20, slippageR: 0.524 },
    ['under 100 shares'],
  ],
  [
    'a 0.6 stop where slippage is 0.05 a share',
    { stop: 99.4, targets: [101], size: { kind: 'shares', value: 100 } },
    mid,
    'slippage-eats-edge',
    'medium',
    { slippageR: 0.178, slippagePerShare: 0.0534, advParticipationPct: 0.05 },
    ['limit order'],
  ],
  [
    'a 0.3 stop in a 25 bp-spread name',
    { stop: 99.7, targets: [101], size: { kind: 'shares', value: 40 } },
    tiny,
    'slippage-eats-edge',
    'high',
    { slippageR: 1.81, slippagePerShare: 0.2715, advParticipationPct: 0.8 },
    ['limit order'],
  ],
];

describe('risk-reward evaluator', () => {
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

  it('when a stop is inside the noise but no size is given, then the mitigation names the stop and no share count', () => {
    const issue = run({ stop: 99.2, targets: [102] }).issues.find((i) => i.code === 'stop-inside-noise');
    expect(issue?.mitigation).toBe('A stop 1 ATR away, at 98.');
  });

  it.each([
    ['long', { stop: 97, targets: [106], size: onePct, timeStopBars: 12 }],
    ['short', { side: 'short', stop: 103, targets: [94], size: onePct, timeStopBars: 12 }],
  ] as const)(
    'when a clean %s idea is checked, then there are no issues and the score is 100',
    (_side, input) => {
      const result = run(input);
      expect(result.issues).toEqual([]);
      expect(result.score).toBe(100);
      expect(result.explainFacts).toMatchObject({
        rr: 2,
        stopInAtr: 1.5,
        shares: 166,
        riskAmount: 498,
        riskPct: 1,
        atr14: 2,
        sharesAtMaxRisk: 166,
      });
    },
  );

  it('when the risk equals the limit exactly, then it is not above it', () => {
    expect(run({ stop: 98, targets: [104], size: onePct }).issues.map((i) => i.code)).not.toContain(
      'risk-above-limit',
    );
  });

  it('when an idea has no stop, then nothing that needs a risk distance is judged', () => {
    const result = run({ targets: [106], size: onePct });
    expect(result.issues).toEqual([]);
    expect(result.explainFacts).toMatchObject({ rr: null, stopInAtr: null, riskAmount: null });
  });

  it('when the history is shorter than the ATR warm-up, then no ATR-based issue is raised', () => {
    const young = contextPack({ bars: constantRangeBars({ count: 10 }) });
    const codes = run({ stop: 99.8, targets: [100.2], size: onePct }, young).issues.map((i) => i.code);
    expect(codes).toContain('rr-below-minimum');
    expect(codes).not.toContain('stop-inside-noise');
  });
});

describe('positionMath', () => {
  it.each([
    // entry, stop, size, shares, sharesAtMaxRisk
    [10.3, 10.1, { kind: 'risk-amount', value: 500 }, 2_500, 2_500],
    [100, 99.2, { kind: 'risk-pct', value: 1 }, 625, 625],
    [100, 97, { kind: 'notional', value: 10_000 }, 100, 166],
    [100, 97, { kind: 'shares', value: 42 }, 42, 166],
  ] as const)(
    'when entry %d, stop %d and size %j, then %d shares and %d at the limit (no float drift)',
    (entry, stop, size, shares, atMax) => {
      const math = positionMath(intentOf({ entry, stop, targets: [entry + 10], size }), ctx);
      expect(math.shares).toBe(shares);
      expect(math.sharesAtMaxRisk).toBe(atMax);
    },
  );
});

describe('slippagePerShare', () => {
  it.each([
    // entry, dollar volume, median range %, participation, expected per share
    [100, 2e9, 1, 0, 0.005],
    [100, 5e8, 1, 0, 0.015],
    [100, 5e7, 1, 0, 0.04],
    [100, 5e6, 1, 0, 0.1],
    [100, 5e5, 1, 0, 0.25],
    [100, 5e5, 2, 0.01, 0.25 + 0.12],
    [50, 2e9, 0, 0.25, 0.0025],
  ])(
    'when entry is %d, dollar volume %d, range %d%% and participation %d, then slippage is %d a share',
    (entry, dollarVolume, rangePct, participation, expected) => {
      expect(
        slippagePerShare(
          entry,
          { avgDollarVolume20: dollarVolume, medianRangePct20: rangePct },
          participation,
        ),
      ).toBeCloseTo(expected, 10);
    },
  );
});

describe('long/short symmetry of risk-reward', () => {
  const LONGS: [string, IntentPatch, ContextPack][] = [
    ['a clean idea', { stop: 97, targets: [106], size: onePct }, ctx],
    ['a poor R:R', { stop: 97, targets: [102], size: onePct }, ctx],
    ['too much risk', { stop: 97, targets: [106], size: { kind: 'risk-pct', value: 3 } }, ctx],
    ['a noisy stop', { stop: 99.6, targets: [101], size: onePct }, ctx],
    ['a wide stop and no size', { stop: 90, targets: [120] }, ctx],
    ['a large position', { stop: 98, targets: [104], size: { kind: 'notional', value: 25_000 } }, capped],
    ['thin liquidity', { stop: 97, targets: [106], size: { kind: 'shares', value: 2_000 } }, thin],
    ['slippage', { stop: 99.7, targets: [101], size: { kind: 'shares', value: 40 } }, tiny],
  ];

  it.each(LONGS)(
    'when %s is mirrored into a short, then the issues and their evidence are the same',
    (_what, input, context) => {
      const long = intentOf(input);
      const a = riskReward.evaluate(long, context, riskReward.defaults);
      const b = riskReward.evaluate(mirrored(long), context, riskReward.defaults);
      expect(b.issues.map((i) => [i.code, i.severity, i.evidence])).toEqual(
        a.issues.map((i) => [i.code, i.severity, i.evidence]),
      );
      expect(b.score).toBe(a.score);
    },
  );
});
