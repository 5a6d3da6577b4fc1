import { describe, expect, it } from 'vitest';
import { positionMath } from '../../src/evaluators/position-math.js';
import { dailyLossIssue } from '../../src/evaluators/daily-loss.js';
import { riskReward } from '../../src/evaluators/risk-reward.js';
import { contextPack, intentOf } from '../helpers/context.js';

const IDEA = intentOf({ entry: 100, stop: 98, targets: [106], size: { kind: 'shares', value: 200 } });

describe('daily loss limit', () => {
  it.each([
    // limit 3% of 50,000 = 1,500; the idea risks 200 x 2 = 400.
    [undefined, -5_000, undefined],
    [3, undefined, undefined],
    [3, 0, undefined],
    [3, -1_000, undefined],
    [3, -1_200, 'daily-loss-limit-at-risk'],
    [3, -1_500, 'daily-loss-limit-reached'],
    [3, 2_000, undefined],
  ])('when the limit is %s%% and today is %s, then the issue is %s', (limitPct, pnlToday, code) => {
    const ctx = contextPack({
      rules: limitPct === undefined ? {} : { dailyLossLimitPct: limitPct },
      portfolio: { openSymbols: [], ...(pnlToday === undefined ? {} : { realizedPnlToday: pnlToday }) },
    });
    expect(dailyLossIssue(IDEA, ctx, positionMath(IDEA, ctx))?.code).toBe(code);
  });

  it('when a loss would pass the limit, then the mitigation sizes to what is left and the risk module reports it', () => {
    const ctx = contextPack({
      rules: { dailyLossLimitPct: 3 },
      portfolio: { openSymbols: [], realizedPnlToday: -1_200 },
    });
    const result = riskReward.evaluate(IDEA, ctx, riskReward.defaults);
    const issue = result.issues.find((i) => i.code === 'daily-loss-limit-at-risk');
    expect(issue?.evidence).toMatchObject({ leftToday: 300, riskAmount: 400, lostToday: 1_200 });
    expect(issue?.mitigation).toContain('150 shares');
  });
});
