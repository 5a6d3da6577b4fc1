import { describe, expect, it } from 'vitest';
import {
  buildDailySummary,
  deriveLessons,
  type SummaryEvaluation,
  type SummaryInput,
  type SummaryTrade,
} from '../../src/jobs/index.js';
import { tradeVerdict } from '../../src/trading/index.js';

const T = Date.UTC(2024, 2, 8, 15);

function trade(over: Partial<SummaryTrade> & { fills: SummaryTrade['fills'] }): SummaryTrade {
  return {
    userName: 'ann',
    symbol: 'AAPL',
    side: 'long',
    qty: 100,
    avgEntry: 185,
    avgExit: 192,
    pnl: 700,
    pnlR: 1.4,
    plannedEntry: 185,
    plannedStop: 180,
    plannedRisk: 500,
    linkedEvalId: 'e1',
    ...over,
  };
}

const clean = trade({
  fills: [
    { ts: T, side: 'buy', qty: 100, price: 185 },
    { ts: T + 1, side: 'sell', qty: 100, price: 192 },
  ],
});
const blownStop = trade({
  userName: 'ben',
  symbol: 'TSLA',
  avgEntry: 200,
  avgExit: 188,
  pnl: -1200,
  pnlR: -2.4,
  plannedEntry: 200,
  plannedStop: 195,
  linkedEvalId: null,
  fills: [
    { ts: T, side: 'buy', qty: 100, price: 200 },
    { ts: T + 1, side: 'sell', qty: 100, price: 188 },
  ],
});
const oversized = trade({
  symbol: 'MSFT',
  qty: 300,
  avgEntry: 400,
  avgExit: 398,
  pnl: -600,
  pnlR: -0.4,
  plannedEntry: 400,
  plannedStop: 395,
  plannedRisk: 500,
  fills: [
    { ts: T, side: 'buy', qty: 300, price: 400 },
    { ts: T + 1, side: 'sell', qty: 300, price: 398 },
  ],
});
const goodLoss = trade({
  symbol: 'NVDA',
  avgEntry: 100,
  avgExit: 95,
  pnl: -500,
  pnlR: -1,
  plannedEntry: 100,
  plannedStop: 95,
  fills: [
    { ts: T, side: 'buy', qty: 100, price: 100 },
    { ts: T + 1, side: 'sell', qty: 100, price: 95 },
  ],
});
const evaluation = (codes: string[]): SummaryEvaluation => ({
  userName: 'ann',
  symbol: 'AAPL',
  score: 60,
  issues: codes.map((code) => ({ code, severity: 'medium', shown: true })),
});

function input(over: Partial<SummaryInput>): SummaryInput {
  return {
    date: '2024-03-08',
    timeZone: 'America/New_York',
    from: new Date(T - 86_400_000),
    to: new Date(T),
    trades: [],
    evaluations: [],
    journal: [],
    ...over,
  };
}

describe('daily summary', () => {
  it('when a day has trades, evaluations and notes, then each has its section with the numbers', () => {
    const reply = buildDailySummary(
      input({
        trades: [clean, blownStop],
        evaluations: [evaluation(['rr-below-minimum', 'no-stop']), evaluation(['rr-below-minimum'])],
        journal: [
          { userName: 'ann', text: 'Good patience today', tags: [], symbol: null, kind: 'note' },
          {
            userName: 'ben',
            text: 'Held TSLA through my stop hoping for a bounce #mistake',
            tags: ['mistake'],
            symbol: 'TSLA',
            kind: 'note',
          },
        ],
      }),
    );
    const section = (heading: string) => reply.sections.find((s) => s.heading === heading)?.text ?? '';
    expect(reply.title).toBe('Daily post-trade summary: 2024-03-08');
    expect(section('Closed trades')).toContain(
      '2 trades closed, net -$500.00, -1.00R; plan followed on 1 of 2.',
    );
    expect(section('Closed trades')).toContain(
      'ann: long AAPL 100 @ 185.00 → 192.00, +$700.00 (+1.40R), plan followed',
    );
    expect(section('Closed trades')).toContain(
      'ben: long TSLA 100 @ 200.00 → 188.00, -$1,200.00 (-2.40R), plan not followed: the stop did not hold: exit at 188 was 7 (1.40R) past the stop 195',
    );
    expect(section('Evaluations')).toBe('2 ideas evaluated (AAPL), average score 60/100.');
    expect(section('Journal highlights').split('\n')[0]).toBe(
      '• ben (TSLA): Held TSLA through my stop hoping for a bounce #mistake',
    );
    expect(section('Top lessons').split('\n')).toEqual([
      '1. Honour the stop: 1 trade exited beyond it (worst -2.40R). Decide the exit before the entry and let the stop do its job.',
      '2. Recurring warning: reward:risk below your minimum in 2 of 2 evaluations. Fix it in the plan before you submit the next one.',
      '3. Evaluate before you trade: 1 of 2 closed trades had no Buddy Report behind them.',
    ]);
    expect(reply.footer).toContain('not financial advice');
  });

  it.each<[string, string[], SummaryTrade[]]>([
    [
      'a blown stop and an oversized trade',
      ['honour-stops', 'size-to-plan', 'evaluate-first'],
      [blownStop, oversized],
    ],
    ['a trade without a stop', ['set-stops'], [trade({ plannedStop: null, pnlR: null, fills: clean.fills })]],
    ['a loss that followed the plan', ['good-loss', 'plan-followed'], [goodLoss]],
    ['only clean trades', ['plan-followed'], [clean]],
  ])('when the day holds %s, then the lessons are %j', (_name, codes, trades) => {
    const judged = trades.map((t) => ({ ...t, verdict: tradeVerdict(t, t.fills) }));
    expect(deriveLessons(judged, []).map((l) => l.code)).toEqual(codes);
  });

  it('when one warning appears only once, then it is not called recurring', () => {
    expect(deriveLessons([], [evaluation(['no-stop']), evaluation(['rr-below-minimum'])])).toEqual([]);
  });

  it('when nothing happened, then the summary says it was a quiet day and has no sections', () => {
    const reply = buildDailySummary(input({}));
    expect(reply.text).toContain('quiet day');
    expect(reply.sections).toEqual([]);
  });
});
