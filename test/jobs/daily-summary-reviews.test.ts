import { describe, expect, it } from 'vitest';
import {
  buildDailySummary,
  deriveLessons,
  type SummaryInput,
  type SummaryReview,
  type SummaryTrade,
} from '../../src/jobs/index.js';
import { tradeVerdict } from '../../src/trading/index.js';

const T = Date.UTC(2024, 2, 8, 15);
const HOLD = 'When price reaches the stop the idea is wrong: exit as planned.';
const ADD =
  'Adding to a losing position raises risk when the idea is failing; add only to winners, if at all.';

function trade(symbol: string, pnlR: number, review?: SummaryReview): SummaryTrade {
  const exit = 100 + 5 * pnlR;
  return {
    userName: 'ann',
    symbol,
    side: 'long',
    qty: 100,
    avgEntry: 100,
    avgExit: exit,
    pnl: 500 * pnlR,
    pnlR,
    plannedEntry: 100,
    plannedStop: 95,
    plannedRisk: 500,
    linkedEvalId: 'e1',
    review,
    fills: [
      { ts: T, side: 'buy', qty: 100, price: 100 },
      { ts: T + 1, side: 'sell', qty: 100, price: exit },
    ],
  };
}
const withVerdict = (t: SummaryTrade) => ({ ...t, verdict: tradeVerdict(t, t.fills) });
const input = (trades: SummaryTrade[]): SummaryInput => ({
  date: '2024-03-08',
  timeZone: 'UTC',
  from: new Date(T - 86_400_000),
  to: new Date(T),
  trades,
  evaluations: [],
  journal: [],
});

describe('daily summary with post-trade reviews', () => {
  it('when closed trades have reviews, then each line shows its process and outcome grades and verdict', () => {
    const reply = buildDailySummary(
      input([
        trade('AAPL', 2, {
          processGrade: 'A',
          outcomeGrade: 'A',
          verdict: 'good win',
          keyLessons: [
            'A good win: the plan and its execution made the result. This is the trade to repeat.',
          ],
        }),
        trade('MSFT', 1.2, {
          processGrade: 'F',
          outcomeGrade: 'B',
          verdict: 'bad win',
          keyLessons: [HOLD, ADD],
        }),
      ]),
    );
    const text = reply.sections.find((s) => s.heading === 'Closed trades')?.text ?? '';
    expect(text).toContain(
      'ann: long AAPL 100 @ 100.00 → 110.00, +$1,000.00 (+2.00R), process A · outcome A (good win), plan followed',
    );
    expect(text).toContain(
      'ann: long MSFT 100 @ 100.00 → 106.00, +$600.00 (+1.20R), process F · outcome B (bad win), plan followed',
    );
  });

  it('when two reviews share a lesson, then it leads with both symbols, and verdict lines are left to the team-wide lessons', () => {
    const lessons = deriveLessons(
      [
        withVerdict(
          trade('AAPL', -1.4, {
            processGrade: 'F',
            outcomeGrade: 'F',
            verdict: 'bad loss',
            keyLessons: [HOLD],
          }),
        ),
        withVerdict(
          trade('TSLA', 0.8, {
            processGrade: 'D',
            outcomeGrade: 'B',
            verdict: 'bad win',
            keyLessons: [ADD, HOLD, 'A bad win: the profit came despite the process.'],
          }),
        ),
        withVerdict(
          trade('NVDA', -1, {
            processGrade: 'A',
            outcomeGrade: 'D',
            verdict: 'good loss',
            keyLessons: ['A good loss: the plan was followed and the loss was the planned size.'],
          }),
        ),
      ],
      [],
    );
    expect(lessons.map((l) => l.text)).toEqual([
      `${HOLD} (2 trades: AAPL, TSLA)`,
      `${ADD} (TSLA)`,
      '1 loss followed the plan: a controlled loss is the process working, not a mistake.',
    ]);
  });

  it('when a trade has no review, then its plan checks still make the lessons', () => {
    // Exited 1.4R past the stop, no review stored: the plan-check lesson speaks for it.
    const lessons = deriveLessons(
      [
        withVerdict({
          ...trade('TSLA', -2.4),
          avgExit: 88,
          fills: [
            { ts: T, side: 'buy', qty: 100, price: 100 },
            { ts: T + 1, side: 'sell', qty: 100, price: 88 },
          ],
        }),
      ],
      [],
    );
    expect(lessons[0]?.code).toBe('honour-stops');
  });

  it('when every reviewed trade graded A or B, then the team hears that the plan was followed', () => {
    const lessons = deriveLessons(
      [
        withVerdict(
          trade('AAPL', 2, { processGrade: 'B', outcomeGrade: 'A', verdict: 'good win', keyLessons: [] }),
        ),
      ],
      [],
    );
    expect(lessons.map((l) => l.code)).toEqual(['plan-followed']);
  });
});
