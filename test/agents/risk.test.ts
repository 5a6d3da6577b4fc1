import { describe, expect, it } from 'vitest';
import { riskAgent } from '../../src/agents/risk.js';
import type { AgentInput } from '../../src/agents/types.js';
import type { TradeIntentInput } from '../../src/evaluators/index.js';
import type { ContextPack } from '../../src/market/context/index.js';
import { constantRangeBars, contextPack, intentOf } from '../helpers/context.js';

// Constant-range bars: close 100, ATR(14) exactly 2, 10M shares a day.
const ctx = contextPack({
  bars: constantRangeBars({ count: 120, close: 100, range: 2, volume: 10_000_000 }),
});

type Idea = Omit<Partial<TradeIntentInput>, 'targets'> & { targets?: readonly number[] | undefined };

function run(idea: Idea, pack: ContextPack = ctx) {
  const { targets, ...rest } = idea;
  const intent = intentOf({ entry: 100, ...rest, ...(targets ? { targets: [...targets] } : {}) });
  const input: AgentInput = { intent, ctx: pack, chunks: [], news: [], fundamentals: undefined };
  return riskAgent.analyse(input);
}

const clean = { stop: 97, targets: [106], size: { kind: 'risk-pct' as const, value: 0.5 } };

describe('risk agent (rule mode)', () => {
  it.each([
    [
      'there is no stop and the rules require one',
      { stop: undefined },
      /No stop: the loss on this idea is open-ended/,
    ],
    ['the stop is 0.3 ATR away', { stop: 99.4 }, /Stop 0\.3 ATR from the entry sits inside ordinary noise/],
    [
      'the size risks 2% against a 1% limit',
      { size: { kind: 'risk-pct', value: 2 } },
      /Risk 2% of equity vs your 1% limit/,
    ],
    ['reward:risk is 1 against a 1.5 minimum', { targets: [103] }, /Reward:risk 1 vs your minimum 1\.5/],
    [
      'the position is 200% of equity',
      { stop: 90, size: { kind: 'shares', value: 1000 }, targets: [130] },
      /Position 200% of equity exceeds your 100% limit/,
    ],
    [
      'the order is 6% of average volume',
      { size: { kind: 'shares', value: 600_000 } },
      /The order is 6% of average daily volume/,
    ],
  ] as const)('when %s, then it says HOLD and names the broken rule', (_name, change, factor) => {
    const { recommendation } = run({ ...clean, ...change });
    expect(recommendation.recommendation).toBe('HOLD');
    expect(recommendation.confidence).toBeGreaterThanOrEqual(60);
    expect(recommendation.key_factors.some((k) => factor.test(k.factor))).toBe(true);
    expect(recommendation.reasoning).toMatch(/^The plan breaks \d risk rules?/);
  });

  it.each([
    ['long', 'BUY', { stop: 97, targets: [106] }],
    ['short', 'SELL', { stop: 103, targets: [94] }],
  ] as const)(
    'when a %s plan fits every rule, then risk passes the side through as %s',
    (side, expected, levels) => {
      const { recommendation, facts } = run({ ...clean, side, ...levels });
      expect(recommendation.recommendation).toBe(expected);
      // No cautions, stop + target + size given: 85 x (0.7 + 0.3).
      expect(recommendation.confidence).toBe(85);
      expect(facts).toMatchObject({ stopDistanceAtr: 1.5, rewardRisk: 2, riskPct: 0.5, maxRiskPct: 1 });
    },
  );

  it.each([
    // (85 - 8 per caution) x (0.7 + 0.1 per stop, target and size given)
    ['no size is given', { size: undefined }, /No size given; 166 shares would risk your 1% limit/, 69],
    ['no target is given', { targets: [] }, /No target: reward:risk cannot be measured/, 69],
    ['the stop is 5 ATR away', { stop: 90, targets: [130] }, /Stop 5 ATR away is wide/, 77],
  ] as const)('when %s, then it is a caution, not a block', (_name, change, factor, confidence) => {
    const { recommendation } = run({ ...clean, ...change });
    expect(recommendation.recommendation).toBe('BUY');
    expect(recommendation.key_factors[0]?.factor).toMatch(factor);
    expect(recommendation.confidence).toBe(confidence);
  });

  it('when the order is between 1% and 5% of average volume, then it is a caution', () => {
    const { recommendation } = run(
      { stop: 97, targets: [106], size: { kind: 'shares', value: 200_000 } },
      contextPack({
        bars: constantRangeBars({ count: 120, volume: 10_000_000 }),
        equity: 100_000_000,
        rules: { maxRiskPct: 5 },
      }),
    );
    expect(recommendation.recommendation).toBe('BUY');
    expect(recommendation.key_factors[0]?.factor).toMatch(/The order is 2% of average daily volume/);
  });

  it("when the stop is optional in the trader's rules, then a missing stop is a caution", () => {
    const relaxed = contextPack({ bars: constantRangeBars({ count: 120 }), rules: { requireStop: false } });
    const { recommendation } = run({ stop: undefined, targets: [106] }, relaxed);
    expect(recommendation.recommendation).toBe('BUY');
    expect(recommendation.key_factors[0]?.factor).toMatch(/No stop/);
  });

  it('when the portfolio already holds the symbol, then it says the idea adds to that exposure', () => {
    const holding = contextPack({
      bars: constantRangeBars({ count: 120, close: 100, range: 2, volume: 10_000_000 }),
      portfolio: { openSymbols: ['TEST', 'AAA'] },
    });
    const { recommendation, facts } = run(clean, holding);
    expect(facts['alreadyOpen']).toBe(true);
    expect(recommendation.key_factors.map((k) => k.factor).join()).toMatch(
      /TEST is already open in your portfolio/,
    );
    expect(run(clean).facts['alreadyOpen']).toBeUndefined();
  });

  it('when several rules break, then confidence grows with each one', () => {
    const one = run({ ...clean, stop: 99.4, targets: [110] });
    const two = run({ ...clean, stop: 99.4, targets: [100.5] });
    expect(two.recommendation.confidence).toBe(one.recommendation.confidence + 10);
  });

  it('when ATR is not yet available, then it abstains', () => {
    const short = contextPack({ bars: constantRangeBars({ count: 10 }) });
    expect(run(clean, short).recommendation.reasoning).toMatch(
      /^insufficient data: ATR14 not available on 10 1d bars of TEST/,
    );
  });
});
