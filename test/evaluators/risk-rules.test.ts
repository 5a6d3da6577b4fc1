import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryDistance } from '../../src/evaluators/entry-distance.js';
import { resize, riskLimitIssue, riskRuleIssues, withinReach } from '../../src/evaluators/risk-rules.js';
import { rMultiple, riskAmount, riskPerShare } from '../../src/evaluators/trade-math.js';
import { contextPack, intentOf } from '../helpers/context.js';

const limits = { equity: 50_000, maxRiskPct: 1, minRewardRisk: 1.5 };

describe('trade-math: one definition of risk and R', () => {
  it.each([
    [600, 570, 100, 3000],
    [50, 47, 7, 21],
    [31.5, 33, 10, 15],
  ])('when entry %d, stop %d and %d shares, then the risk is %d', (entry, stop, shares, risk) => {
    expect(riskAmount(entry, stop, shares)).toBeCloseTo(risk, 9);
  });

  it('when there is no stop or it sits on the entry, then there is no risk and no R', () => {
    expect(riskPerShare(100, undefined)).toBeUndefined();
    expect(riskPerShare(100, 100)).toBeUndefined();
    expect(rMultiple(500, undefined)).toBeUndefined();
  });

  it('when $6,500 is made on $4,000 risked, then it is 1.63R', () => {
    expect(rMultiple(6500, riskAmount(600, 560, 100))?.toFixed(2)).toBe('1.63');
  });
});

describe('risk rules shared by the evaluation and /trade open', () => {
  it('when 6% of equity is at risk, then the issue says by how much and the shares inside the limit with their real risk', () => {
    const issue = riskLimitIssue(
      { side: 'long', entry: 50, stop: 47, target: undefined, shares: 1000 },
      limits,
    );
    expect(issue?.severity).toBe('critical');
    expect(issue?.message).toContain('above your 1% limit by 2,500 (6x)');
    expect(issue?.mitigation).toBe('166 shares keep the risk at 498 (1% of equity), inside your 1% limit.');
  });

  it('when a trade has no stop, then the stop-required check is raised', () => {
    const codes = riskRuleIssues(
      { side: 'long', entry: 50, stop: undefined, target: 60, shares: 10 },
      limits,
    ).map((i) => i.code);
    expect(codes).toEqual(['no-stop']);
  });

  it('property: a resize never suggests more risk than the proposed risk or the max risk per trade', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.option(fc.double({ min: 1, max: 5000, noNaN: true }), { nil: undefined }),
        (entry, stopFrac, proposed) => {
          const sized = resize(entry, entry * (1 - stopFrac), proposed, limits);
          expect(sized.risk).toBeLessThanOrEqual(500 + 1e-6);
          if (proposed !== undefined) expect(sized.risk).toBeLessThanOrEqual(proposed + 1e-6);
          expect(sized.risk).toBeCloseTo(sized.shares * entry * stopFrac, 6);
        },
      ),
    );
  });

  it.each([
    [100, 105, 4, true],
    [100, 111, undefined, false],
    [158.5, 398.75, undefined, false],
    [100, 109, 4, false],
  ])('when a fix asks price to go from %d to %d (ATR %s), then within reach is %s', (from, to, atr, want) => {
    expect(withinReach(from, to, atr)).toBe(want);
  });
});

describe('entry-distance evaluator', () => {
  // ATR(14) = 2 around a close near 100 (test/helpers/context.ts).
  const ctx = contextPack();
  it.each([
    [{ entry: 100, stop: 98, targets: [104] }, undefined],
    [{ entry: 107.5, stop: 105, targets: [112] }, 'high'],
    [{ entry: 31.5, stop: 30, targets: [35] }, 'critical'],
  ])('when the idea is %j, then the far-entry issue is %s', (levels, severity) => {
    const issues = entryDistance.evaluate(intentOf(levels), ctx, entryDistance.defaults).issues;
    expect(issues[0]?.severity).toBe(severity);
    if (severity === 'critical') expect(issues[0]?.message).toContain('a limit this far away, or a typo?');
  });
});
