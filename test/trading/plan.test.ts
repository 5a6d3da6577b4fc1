import { describe, expect, it } from 'vitest';
import {
  checkPlan,
  matchIntent,
  plannedRisk,
  tradeVerdict,
  type IntentPlan,
} from '../../src/trading/index.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2024, 2, 8, 15);

function intent(over: Partial<IntentPlan> & { id: string }): IntentPlan {
  return {
    intentId: over.id,
    symbol: 'AAPL',
    side: 'long',
    status: 'evaluated',
    createdAt: NOW - DAY,
    proposedEntry: 185,
    proposedStop: 180,
    proposedTarget: 195,
    proposedSize: null,
    proposedNotional: null,
    proposedRiskPct: null,
    proposedRiskAmount: null,
    ...over,
  };
}

describe('matching a trade to its plan', () => {
  it.each<[string, IntentPlan[], string | undefined]>([
    [
      'the latest of two matching intents',
      [intent({ id: 'old', createdAt: NOW - 3 * DAY }), intent({ id: 'new', createdAt: NOW - DAY })],
      'new',
    ],
    ['an intent for another symbol', [intent({ id: 'x', symbol: 'MSFT' })], undefined],
    ['an intent for the other side', [intent({ id: 'x', side: 'short' })], undefined],
    ['an intent older than the window', [intent({ id: 'x', createdAt: NOW - 6 * DAY })], undefined],
    ['an intent made after the trade opened', [intent({ id: 'x', createdAt: NOW + 60_000 })], undefined],
    ['an intent already carried out by a trade', [intent({ id: 'x', status: 'open' })], undefined],
    [
      'a draft inside the window next to a taken one',
      [
        intent({ id: 'taken', status: 'closed' }),
        intent({ id: 'draft', status: 'draft', createdAt: NOW - 4 * DAY }),
      ],
      'draft',
    ],
  ])('when the candidates hold %s, then the right intent (or none) matches', (_name, candidates, want) => {
    expect(matchIntent(candidates, { symbol: 'AAPL', side: 'long', openedAt: NOW }, 5)?.intentId).toBe(want);
  });
});

describe('the planned risk', () => {
  const user = { equity: 50_000, maxRiskPct: 1 };
  it.each<[string, Partial<IntentPlan> | undefined, number | undefined, number, string]>([
    ['an explicit risk amount', { proposedRiskAmount: 300 }, 180, 300, 'intent-risk-amount'],
    ['a share count', { proposedSize: 100 }, 180, 500, 'intent-size'],
    ['a risk percentage', { proposedRiskPct: 0.5 }, 180, 250, 'intent-risk-pct'],
    ['a notional', { proposedNotional: 18_500 }, 180, 500, 'intent-notional'],
    ['no size in the plan', {}, 180, 500, 'max-risk-rule'],
    ['no plan at all', undefined, 180, 500, 'max-risk-rule'],
  ])(
    'when the intent has %s, then the budget and its source are right',
    (_name, over, stop, amount, source) => {
      const plan = plannedRisk(over ? intent({ id: 'i', ...over }) : undefined, stop, user);
      expect(plan.amount).toBeCloseTo(amount, 9);
      expect(plan.source).toBe(source);
    },
  );
});

describe('plan adherence', () => {
  it.each<[string, Parameters<typeof checkPlan>[0], boolean, string[]]>([
    [
      'a clean long',
      { side: 'long', stop: 180, riskPerShare: 5, worstExit: 181, peakRisk: 500, plannedRisk: 500 },
      true,
      [],
    ],
    [
      'an exit a little through the stop (slippage)',
      { side: 'long', stop: 180, riskPerShare: 5, worstExit: 179.6, peakRisk: 500, plannedRisk: 500 },
      true,
      [],
    ],
    [
      'a long held far below its stop',
      { side: 'long', stop: 180, riskPerShare: 5, worstExit: 176.5, peakRisk: 500, plannedRisk: 500 },
      false,
      ['stop-honoured'],
    ],
    [
      'a short covered far above its stop',
      { side: 'short', stop: 52, riskPerShare: 2, worstExit: 53, peakRisk: 200, plannedRisk: 200 },
      false,
      ['stop-honoured'],
    ],
    [
      'no stop',
      {
        side: 'long',
        stop: undefined,
        riskPerShare: undefined,
        worstExit: 170,
        peakRisk: undefined,
        plannedRisk: 500,
      },
      false,
      ['stop-set'],
    ],
    [
      'a size 50% over the plan',
      { side: 'long', stop: 180, riskPerShare: 5, worstExit: 190, peakRisk: 750, plannedRisk: 500 },
      false,
      ['size-within-risk'],
    ],
    [
      'a size 10% over (rounding)',
      { side: 'long', stop: 180, riskPerShare: 5, worstExit: 190, peakRisk: 550, plannedRisk: 500 },
      true,
      [],
    ],
  ])(
    'when the trade is %s, then the verdict and failed checks are right',
    (_name, input, followed, failed) => {
      const verdict = checkPlan(input);
      expect(verdict.followed).toBe(followed);
      expect(verdict.checks.filter((c) => !c.ok).map((c) => c.rule)).toEqual(failed);
    },
  );

  it('when a trade is judged from its fills, then the worst exit and peak risk come from them', () => {
    const t = Date.UTC(2024, 0, 2);
    const verdict = tradeVerdict({ side: 'long', plannedStop: 180, plannedRisk: 500 }, [
      { ts: t, side: 'buy', qty: 100, price: 185 },
      { ts: t + 1, side: 'buy', qty: 100, price: 184 },
      { ts: t + 2, side: 'sell', qty: 200, price: 177 },
    ]);
    expect(verdict.checks.map((c) => [c.rule, c.ok])).toEqual([
      ['stop-honoured', false],
      ['size-within-risk', false],
    ]);
    // 1R from the fills' own average entry 184.5: 3 past the stop is 3 / 4.5 = 0.67R.
    expect(verdict.checks[0]?.detail).toContain('0.67R');
  });
});
