import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excursionNote, reviewReply } from '../../../src/bot/flows/review-reply.js';
import { renderDiscord } from '../../../src/bot/render/discord.js';
import { renderSlack } from '../../../src/bot/render/slack.js';
import { renderTerminal } from '../../../src/bot/render/terminal.js';
import type { Bar } from '../../../src/market/types.js';
import { reviewTrade, type ReviewInput, type StoredReview } from '../../../src/review/index.js';
import { discordViolations, slackViolations } from '../../helpers/platform-limits.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 2);
const bars = (ranges: [number, number][]): Bar[] =>
  ranges.map(([low, high], i) => ({ ts: T0 + i * DAY, open: low, high, low, close: high, volume: 1 }));
const at = (day: number) => T0 + day * DAY + 15 * 3_600_000;

function stored(input: ReviewInput, over: Partial<StoredReview> = {}): StoredReview {
  return {
    ...reviewTrade(input),
    reviewId: 'r1',
    tradeId: 't1',
    userId: 'u',
    generatedAt: new Date(at(9)),
    linkedEvalId: null,
    coachNote: null,
    ...over,
  };
}

const badWin = stored({
  symbol: 'TEST',
  side: 'long',
  atrAtEntry: 4,
  plan: { entry: 100, stop: 95, targets: [110], plannedRiskAmount: 500, timeframe: '1d' },
  bars: bars([
    [98, 102],
    [93, 99],
    [92, 98],
    [97, 108],
    [105, 112],
  ]),
  fills: [
    { ts: at(0), qty: 100, price: 100.2 },
    { ts: at(2), qty: 100, price: 94 },
    { ts: at(4), qty: -200, price: 109 },
  ],
  stopChanges: [{ ts: at(1), stop: 90 }],
  warnings: [
    { code: 'stop-inside-noise', message: 'The stop is 1.2 ATR away.' },
    { code: 'regime-transition-risk', message: 'Regime may change.' },
  ],
});

describe('the /review reply', () => {
  it('when a bad win is rendered, then the grades sit side by side, the verdict is named and every number section is there', () => {
    const reply = reviewReply(badWin);
    expect(reply.title).toBe('Post-trade review: long TEST, a bad win');
    expect(reply.badge).toEqual({ score: 0, severity: 'critical', label: 'Process F · Outcome A' });
    expect(reply.sections.map((s) => s.heading)).toEqual([
      'Grades',
      'Trade',
      'MAE / MFE',
      'Warnings raised before the trade',
      'Key lessons',
      'Went well (plan vs execution)',
      'To improve (plan vs execution)',
    ]);
    const grades = reply.sections[0]?.text.split('\n') ?? [];
    expect(grades[0]).toMatch(
      /^Process {2}F {2}0\/100 from plan adherence, your rules at entry and the warnings/,
    );
    // 1R from the fills (issue 14): 100 x |100.2 - 95| + 100 x |94 - 95| = 620; the average-down
    // through the stop counts its full distance, so it does not shrink 1R.
    expect(grades[1]).toBe('Outcome  A  +3.84R, +$2,380.00 (the result)');
    expect(grades[2]).toContain('Verdict  bad win: The profit came despite the process');
    expect(reply.sections[3]?.text).toContain(
      // Price reached the planned stop while the trade was held (held-through-stop): it came true.
      '• The stop is 1.2 ATR away. → came true: The stop was hit.',
    );
    expect(reply.sections[3]?.text).toContain('• Regime may change. → not checkable');
    expect(reply.sections[2]?.text).toContain('Best possible exit: 112');
  });

  it('when lessons were phrased by the explanation layer, then they replace the rule list under their own heading', () => {
    const reply = reviewReply({ ...badWin, coachNote: 'AI-generated. Keep the stop where the plan put it.' });
    expect(
      reply.sections.find((s) => s.heading === 'Key lessons (phrased by the explanation layer)')?.text,
    ).toBe('AI-generated. Keep the stop where the plan put it.');
    expect(reply.sections.some((s) => s.heading === 'Key lessons')).toBe(false);
  });

  it.each<[string, Partial<StoredReview['excursions']>, string, string]>([
    [
      'daily bars covering the hold',
      { basis: 'bars', coverage: 'full' },
      '1d',
      'Daily bars count the entry and exit bars whole, so moves before the entry or after the exit on those bars are included: MAE/MFE are an upper bound.',
    ],
    [
      'hourly bars covering part of it',
      { basis: 'bars', coverage: 'partial' },
      '1h',
      'The 1h bars cover only part of the holding period.',
    ],
    [
      'no bars at all',
      { basis: 'fills', coverage: 'none' },
      '1d',
      'No 1d bars cover the holding period: MAE/MFE come from the fill prices alone, a lower bound.',
    ],
  ])('when the range was measured on %s, then the note says how to read it', (_name, ex, timeframe, note) => {
    expect(excursionNote({ ...badWin, timeframe, excursions: { ...badWin.excursions, ...ex } })).toBe(note);
  });

  it('property: any review renders within Slack, Discord and terminal limits', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 50, max: 150, noNaN: true }),
            fc.double({ min: 0, max: 20, noNaN: true }),
          ),
          { minLength: 2, maxLength: 40 },
        ),
        fc.double({ min: 60, max: 140, noNaN: true }),
        fc.constantFrom<'long' | 'short'>('long', 'short'),
        fc.array(fc.string({ minLength: 1, maxLength: 400 }), { maxLength: 8 }),
        (raw, exit, side, messages) => {
          const series = bars(raw.map(([low, width]) => [low, low + width]));
          const dir = side === 'long' ? 1 : -1;
          const review = stored({
            symbol: 'P',
            side,
            bars: series,
            atrAtEntry: 3,
            warnings: messages.map((m, i) => ({ code: `w${i}`, message: m })),
            plan: {
              entry: 100,
              stop: 100 - dir * 5,
              targets: [100 + dir * 10],
              plannedRiskAmount: 500,
              timeframe: '1d',
            },
            fills: [
              { ts: at(0), qty: dir * 10, price: 100 },
              { ts: at(1), qty: dir * 10, price: 97 },
              { ts: at(series.length - 1), qty: -dir * 20, price: exit },
            ],
          });
          const reply = reviewReply(review);
          expect(slackViolations(renderSlack(reply))).toEqual([]);
          expect(discordViolations(renderDiscord(reply))).toEqual([]);
          expect(renderTerminal(reply, { color: false })).toContain(
            `Process ${review.processGrade} · Outcome ${review.outcomeGrade}`,
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
