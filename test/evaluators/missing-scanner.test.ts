import { describe, expect, it } from 'vitest';
import { missingScanner } from '../../src/evaluators/missing-scanner.js';
import type { ContextPack } from '../../src/market/context/index.js';
import { intentOf, mirrored, type IntentPatch } from '../helpers/context.js';
import { hmmOf, levelsOf, packOf, regimeOf, swingLevel } from './market-fixtures.js';

// Long at 100 with ATR 2; no size, so money at risk is the 1% limit: 500 of 50,000.
const rangeHigh = packOf({ levels: levelsOf({ rollingRange: { lookback: 20, high: 103, low: 97 } }) });
const closeSwing = packOf({ levels: levelsOf({ supportResistance: [swingLevel(101.5, 4, 75)] }) });
const support97 = packOf({ levels: levelsOf({ supportResistance: [swingLevel(97, 3, 70)] }) });
const expanding = packOf({
  regime: regimeOf({
    volExpansion: true,
    volComponents: { atrRatio: 1.3, rangeRatio: 2.4 },
    atrPercentile: 85,
  }),
});
const thin = packOf({ regime: regimeOf({ liquidityState: 'thin', relVolume: 0.4, spreadProxy: 250 }) });
const shifting = packOf({
  regime: regimeOf({ hmm: hmmOf({ current: 0, transitionRisk: 0.42, calmProb: 0.6 }) }),
});
const leaving = packOf({
  regime: regimeOf({ hmm: hmmOf({ current: 0, transitionRisk: 0.55, calmProb: 0.45 }) }),
});
const calming = packOf({
  regime: regimeOf({ hmm: hmmOf({ current: 1, transitionRisk: 0.35, calmProb: 0.3 }) }),
});
const holding = packOf({ portfolio: { openSymbols: ['AAPL', 'test'] } });

type Case = [string, IntentPatch, ContextPack, string, string, Record<string, unknown>, string];

const CASES: Case[] = [
  [
    'the 20-bar high sits at 1R on the way to a 2R target',
    { stop: 97, targets: [106] },
    rangeHigh,
    'level-before-target',
    'low',
    { level: 103, levelName: '20-bar high', distanceAtr: 1.5, rAtLevel: 1, targetR: 2, levelsInTheWay: 1 },
    'Take partial profit at 103 (1R) and move the stop to the entry, so the rest runs to 106 at no risk.',
  ],
  [
    'a 4-touch swing level sits at 0.5R',
    { stop: 97, targets: [106] },
    closeSwing,
    'level-before-target',
    'medium',
    { level: 101.5, levelName: '4-touch swing level', significance: 75, rAtLevel: 0.5 },
    'Enter only after a close beyond 101.5: at 0.5R it is too close for a partial exit to pay for the risk.',
  ],
  [
    'the stop sits above a three-touch support',
    { stop: 97.5, targets: [106] },
    support97,
    'stop-inside-level',
    'medium',
    {
      stop: 97.5,
      level: 97,
      levelName: '3-touch swing level',
      stopBeyondLevelAtr: -0.25,
      suggestedStop: 96.5,
    },
    'A stop at 96.5 (0.25 ATR beyond the level) where 142 shares keep 497 at risk (0.99% of equity).',
  ],
  [
    'the stop hugs that support 0.1 ATR below it',
    { stop: 96.8, targets: [106] },
    support97,
    'stop-inside-level',
    'low',
    { stopBeyondLevelAtr: 0.1 },
    'A stop at 96.5',
  ],
  [
    'volatility expands and the stop is 0.5 ATR',
    { stop: 99, targets: [103] },
    expanding,
    'volatility-expanding',
    'medium',
    { atrRatio: 1.3, rangeRatio: 2.4, atrPercentile: 85, stopAtr: 0.5 },
    'a stop 1.5 ATR away at 97, where 166 shares keep 498 at risk (1% of equity).',
  ],
  [
    'volatility expands and the stop is already 2 ATR',
    { stop: 96, targets: [108] },
    expanding,
    'volatility-expanding',
    'medium',
    { stopAtr: 2 },
    'The stop is already 2 ATR away; keep the size at or below 125 shares',
  ],
  [
    'the last bar traded 0.4x its volume',
    { stop: 97, targets: [106] },
    thin,
    'thin-volume',
    'low',
    { relVolume: 0.4, spreadProxyBps: 250, avgVolume20: 10_000_000 },
    'keep the order under 100,000 shares',
  ],
  [
    'the HMM gives a 42% chance of leaving the calm state',
    { stop: 97, targets: [106] },
    shifting,
    'regime-transition-risk',
    'medium',
    {
      transitionRisk: 0.42,
      currentState: 'calm',
      currentRangePct: 1,
      otherState: 'volatile',
      otherRangePct: 2.5,
    },
    'a stop at 92.5 (7.5 away instead of 3), where 66 shares keep 495 at risk (0.99% of equity).',
  ],
  [
    'the HMM gives a 55% chance of leaving the calm state',
    { stop: 97, targets: [106] },
    leaving,
    'regime-transition-risk',
    'high',
    { transitionRisk: 0.55 },
    'stop at 92.5',
  ],
  [
    'the HMM may leave the volatile state',
    { stop: 97, targets: [106] },
    calming,
    'regime-transition-risk',
    'low',
    { currentState: 'volatile', otherState: 'calm' },
    "Ranges may shrink to 0.4x today's",
  ],
  [
    'the trader already holds the symbol',
    { stop: 97, targets: [106] },
    holding,
    'same-symbol-open',
    'medium',
    { symbol: 'TEST', openPositions: 2, maxRiskPct: 1 },
    'combined risk should stay within 1% (500)',
  ],
];

const evaluate = (patch: IntentPatch, ctx: ContextPack) =>
  missingScanner.evaluate(intentOf(patch), ctx, missingScanner.defaults);

describe('missing-scanner evaluator', () => {
  it.each(CASES)(
    'when %s, then it is on the checklist with numbers and a fix (%#)',
    (_what, patch, ctx, code, severity, evidence, mitigation) => {
      const issue = evaluate(patch, ctx).issues.find((i) => i.code === code);
      expect(issue, `no ${code}`).toBeDefined();
      expect(issue?.severity).toBe(severity);
      expect(issue?.evidence).toMatchObject(evidence);
      expect(issue?.mitigation).toContain(mitigation);
    },
  );

  it('when nothing applies, then it reports nothing and says which checks ran', () => {
    const result = evaluate({ stop: 96, targets: [106] }, support97);
    expect(result.issues).toEqual([]);
    expect(result.explainFacts).toEqual({
      levelBeforeTarget: 'clear',
      stopBeyondLevel: 'clear',
      volatilityExpansion: 'clear',
      liquidity: 'clear',
      regimeTransition: 'not-applicable',
      sameSymbolExposure: 'not-applicable',
    });
  });

  it('when no portfolio is known, then open exposure is not guessed', () => {
    const facts = evaluate({ stop: 97, targets: [106] }, packOf()).explainFacts;
    expect(facts.sameSymbolExposure).toBe('not-applicable');
    expect(
      evaluate({ stop: 97, targets: [106] }, packOf({ portfolio: { openSymbols: ['AAPL'] } })).explainFacts
        .sameSymbolExposure,
    ).toBe('clear');
  });

  it.each([
    [
      'a pivot (significance 30)',
      levelsOf({ pivots: { p: 99, r1: 103, r2: 110, r3: 112, s1: 95, s2: 94, s3: 93 } }),
    ],
    [
      'a level within 0.25 ATR of the target',
      levelsOf({ rollingRange: { lookback: 20, high: 105.8, low: 97 } }),
    ],
    [
      'a level past your 1.5R minimum (at 1.67R)',
      levelsOf({ rollingRange: { lookback: 20, high: 105, low: 97 } }),
    ],
    [
      'the prior-day high (significance 60)',
      levelsOf({ priorBar: { ts: 0, high: 102, low: 99, close: 100 } }),
    ],
  ])('when the only level before the target is %s, then it is not flagged', (_what, levels) => {
    expect(
      evaluate({ stop: 97, targets: [106] }, packOf({ levels })).issues.map((i) => i.code),
    ).not.toContain('level-before-target');
  });

  it('when there is no stop or no target, then those checks are not applicable rather than clear', () => {
    const facts = evaluate({}, rangeHigh).explainFacts;
    expect(facts).toMatchObject({ levelBeforeTarget: 'not-applicable', stopBeyondLevel: 'not-applicable' });
  });

  it('when the stop-inside-level case is mirrored into a short, then the short gets the same finding', () => {
    const mirrorPack = packOf({ levels: levelsOf({ supportResistance: [swingLevel(103, 3, 70)] }) });
    const short = missingScanner.evaluate(
      mirrored(intentOf({ stop: 97.5, targets: [106] })),
      mirrorPack,
      missingScanner.defaults,
    );
    const issue = short.issues.find((i) => i.code === 'stop-inside-level');
    expect(issue?.evidence).toMatchObject({
      stop: 102.5,
      level: 103,
      suggestedStop: 103.5,
      stopBeyondLevelAtr: -0.25,
    });
    expect(issue?.mitigation).toBe(
      'A stop at 103.5 (0.25 ATR beyond the level) where 142 shares keep 497 at risk (0.99% of equity).',
    );
  });
});
