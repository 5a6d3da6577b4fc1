import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import type { Inbound, Reply } from '../../src/bot/types.js';
import { createJobRepository, createReviewRepository } from '../../src/db/index.js';
import { importCsvFile } from '../../src/market/data/index.js';
import { POST_TRADE_REVIEW_JOB, REVIEW_VERSION } from '../../src/review/index.js';
import { buildTestApp } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';
import { AAPL_CASES, DEMO_CASES, type ReviewCase } from './review-cases.js';

const AAPL_CSV = join(process.cwd(), '..', 'shared', 'data', 'market', 'daily', 'AAPL.csv');
const HAVE_AAPL = existsSync(AAPL_CSV);
if (!HAVE_AAPL)
  console.info(`${AAPL_CSV} not found: the AAPL review cases are skipped (the demo-data cases still run).`);
const CASES: ReviewCase[] = [...(HAVE_AAPL ? AAPL_CASES : []), ...DEMO_CASES];

const all = (reply: Reply) =>
  [
    reply.title,
    reply.text ?? '',
    ...reply.sections.map((s) => `${s.heading ?? ''}: ${s.text}`),
    reply.footer ?? '',
  ].join('\n');
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '-' : ''}${Math.abs(v).toFixed(2)}`;

describe.each(BACKENDS)('post-trade review through chat on $name', (backend) => {
  let app: App;
  let n = 0;

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    if (HAVE_AAPL) await importCsvFile(app.services.market, AAPL_CSV, { symbol: 'AAPL' });
  }, 120_000);
  afterEach(() => vi.useRealTimers());
  afterAll(async () => app.close());

  const chat = (user: string, text: string, workspace = 'T1'): Promise<Reply> =>
    app.conversation.handle({
      platform: 'slack',
      workspace,
      channel: 'C1',
      thread: '',
      user,
      text,
    } satisfies Inbound);

  it.each(CASES)(
    'when $name is traded in chat, then the close runs the review job, it is stored once and /review shows grades, findings and MAE/MFE',
    async (c) => {
      const user = `trader${(n += 1)}`;
      vi.useFakeTimers({ toFake: ['Date'] });
      let closeReply: Reply | undefined;
      for (const [at, text] of c.steps) {
        vi.setSystemTime(new Date(at));
        const reply = await chat(user, text);
        expect(reply.kind, all(reply)).not.toBe('error');
        if (text.startsWith('/trade close')) closeReply = reply;
      }
      const e = c.expected;
      expect(all(closeReply ?? (await chat(user, '/trade list')))).toContain(
        `Review ready: /review ${c.symbol}. Process ${e.processGrade} · Outcome ${e.outcomeGrade}: a ${e.verdict}.`,
      );

      const [trade] = await app.services.trading.tradeRows.recentClosed(`slack:T1:${user}`, 1);
      if (!trade) throw new Error('no closed trade');
      const row = await createReviewRepository(app.database.db).forTrade(trade.tradeId, REVIEW_VERSION);
      expect(row).toMatchObject({
        processGrade: e.processGrade,
        outcomeGrade: e.outcomeGrade,
        verdict: e.verdict,
        userId: `slack:T1:${user}`,
      });
      const runs = (await createJobRepository(app.database.db).runsOf(POST_TRADE_REVIEW_JOB)).filter((r) =>
        r.runKey.startsWith(trade.tradeId),
      );
      expect(runs.map((r) => [r.status, r.attempts])).toEqual([['done', 1]]);

      const review = await app.services.review.review(trade.tradeId);
      expect(review.reviewId).toBe(row?.reviewId);
      // One R on the trade list and in the review: the plan's risk a share times the peak size.
      expect(review.realisedR).toBeCloseTo(trade.pnlR ?? Number.NaN, 9);
      expect(review.findings.map((f) => f.code)).toEqual(expect.arrayContaining(e.codes));
      const ex = review.excursions;
      expect({ bars: ex.barsHeld, basis: ex.basis, coverage: ex.coverage }).toEqual({
        bars: e.barsHeld,
        basis: 'bars',
        coverage: 'full',
      });
      for (const [got, want] of [
        [ex.maePrice, e.mae],
        [ex.mfePrice, e.mfe],
        [ex.maeR, e.maeR],
        [ex.mfeR, e.mfeR],
        [review.realisedR, e.realisedR],
        [ex.bestExitPrice, e.bestExit],
      ] as const) {
        expect(got).toBeCloseTo(want, 2);
      }
      // The same range straight from the stored bars of the holding days: no review code involved.
      const days = await app.services.market.loadBars(c.symbol, '1d', {
        until: trade.closeTs?.getTime() ?? 0,
        limit: e.barsHeld,
      });
      const extreme =
        review.side === 'long' ? Math.max(...days.map((b) => b.high)) : Math.min(...days.map((b) => b.low));
      expect(ex.bestExitPrice).toBe(extreme);
      expect(review.atrAtEntry).toBeGreaterThan(0);
      expect(ex.maeAtr).toBeCloseTo(ex.maePrice / (review.atrAtEntry ?? 1), 9);

      const shown = await chat(user, `/review ${c.symbol}`);
      const text = all(shown);
      expect(shown.title).toBe(`Post-trade review: ${review.side} ${c.symbol}, a ${e.verdict}`);
      expect(shown.badge).toMatchObject({
        score: review.processScore,
        label: `Process ${e.processGrade} · Outcome ${e.outcomeGrade}`,
      });
      expect(text).toContain(
        `Process  ${e.processGrade}  ${review.processScore}/100 from plan adherence, your rules at entry and the warnings`,
      );
      expect(text).toContain(`Outcome  ${e.outcomeGrade}  ${signed(e.realisedR)}R`);
      expect(text).toContain(
        `MAE (worst against you): ${signed(ex.maePrice)} (${signed(ex.maeR ?? 0)}R, ${signed(ex.maeAtr ?? 0)} ATR)`,
      );
      expect(text).toContain(
        `MFE (best for you): ${signed(ex.mfePrice)} (${signed(ex.mfeR ?? 0)}R, ${signed(ex.mfeAtr ?? 0)} ATR)`,
      );
      expect(text).toContain(`Best possible exit: ${e.bestExit} (${signed(ex.bestExitR ?? 0)}R); `);
      if ((ex.capturedPct ?? -1) >= 0)
        expect(text).toContain(
          `the trade kept ${signed(e.realisedR)}R, ${Math.round(ex.capturedPct ?? 0)}% of it.`,
        );
      expect(text).toContain('Daily bars count the entry and exit bars whole');
      for (const finding of review.findings) expect(text).toContain(finding.message);
      expect(await chat(user, '/review')).toEqual(expect.objectContaining({ title: shown.title }));
      // A second look reads the stored review; nothing is generated again.
      expect(
        (await createReviewRepository(app.database.db).forTrades([trade.tradeId], REVIEW_VERSION)).length,
      ).toBe(1);
    },
  );

  it('when the trader evaluated the idea first, then the review lists the warnings shown before the trade and whether they came true', async () => {
    const user = 'evaluator';
    const report = await chat(user, '/evaluate long TCHC 100 stop 95 target 110 size 100');
    const shownCodes = report.issues.map((i) => i.code);
    expect(shownCodes).toContain('stop-inside-noise');
    await chat(user, '/trade open TCHC long 100 @ 100.2');
    await chat(user, '/trade close TCHC @ 95');
    const review = await app.services.review.review(
      (await app.services.review.resolveTrade(`slack:T1:${user}`)).tradeId,
    );
    expect(review.linkedEvalId).toBe(report.refs?.evaluationId);
    expect(review.warnings.map((w) => w.code)).toEqual(shownCodes);
    expect(review.warnings.find((w) => w.code === 'stop-inside-noise')).toMatchObject({
      cameTrue: true,
      why: 'The stop was hit.',
    });
    // The demo bars end in April 2020; a trade closed today has no bars, and the review says so.
    expect(review.excursions).toMatchObject({ basis: 'fills', coverage: 'none' });
    const text = all(await chat(user, '/review TCHC'));
    expect(text).toContain('Warnings raised before the trade');
    expect(text).toContain('→ came true: The stop was hit.');
    expect(text).toContain('MAE/MFE come from the fill prices alone, a lower bound');
    expect(text).toContain(`plan from evaluation ${report.refs?.evaluationId}`);
  });

  it.each([
    ['/review', 'You have no closed trades to review yet.'],
    ['/review NRGA', 'You have no closed trade in NRGA to review.'],
    [
      '/review 00000000-0000-4000-8000-000000000000',
      'You have no trade 00000000-0000-4000-8000-000000000000.',
    ],
    ['/review AAPL TCHA', 'I can review one trade at a time'],
  ])('when a trader with nothing to review sends %s, then the answer says %s', async (text, message) => {
    const reply = await chat('newcomer', text);
    expect(reply.kind).toBe('error');
    expect(all(reply)).toContain(message);
  });

  it('when the stop is moved in chat, then each reply says which way it went and every move is recorded for the review', async () => {
    await chat('mover', '/trade open TCHC long 100 @ 100 stop 95');
    const moves = [];
    for (const text of ['/trade stop TCHC 97', '/trade stop TCHC 90', '/trade stop TCHC none'])
      moves.push(all(await chat('mover', text)));
    expect(moves[0]).toContain('Stop for long TCHC: 95 → 97\nMoved toward profit: less at risk.');
    expect(moves[1]).toContain(
      'Stop for long TCHC: 97 → 90\nMoved away from the entry: more at risk than the plan allowed.',
    );
    expect(moves[2]).toContain('Stop for long TCHC: 90 → no stop\nNo stop now: the loss has no limit.');
    const [trade] = await app.services.trading.tradeRows.openTrades('slack:T1:mover');
    const changes = await createReviewRepository(app.database.db).stopChangesOf(trade?.tradeId ?? '');
    expect(changes.map((c) => c.stop)).toEqual([97, 90, null]);
    expect(trade?.plannedStop).toBe(95);
    expect(all(await chat('mover', '/trade stop NRGA 10'))).toContain(
      'There is no open trade in NRGA to move the stop of. Your open trades: TCHC.',
    );
  });

  it('when the trade is still open, then /review says so and how to close it', async () => {
    await chat('holder', '/trade open FINB long 10 @ 50 stop 48');
    const reply = await chat('holder', '/review FINB');
    expect(all(reply)).toContain(
      'The long FINB trade is still open (10 to close): review it after `/trade close FINB @ PRICE`.',
    );
  });

  it("when two trades close on one day, then the daily summary shows each one's grades and the reviews' lessons lead", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const day = (hour: number) => vi.setSystemTime(new Date(Date.UTC(2019, 2, 26, hour)));
    day(14);
    await chat('ann', '/trade open TCHB long 100 @ 20 stop 19 target 22', 'T2');
    await chat('ben', '/trade open FINA long 300 @ 30 stop 29.5', 'T2');
    day(15);
    await chat('ben', '/trade stop FINA 28', 'T2');
    day(16);
    await chat('ann', '/trade close TCHB @ 19', 'T2');
    await chat('ben', '/trade close FINA @ 27', 'T2');
    day(20);
    const summary = all(await chat('ann', '/buddy summary preview', 'T2'));
    expect(summary).toContain(
      'ann: long TCHB 100 @ 20.00 → 19.00, -$100.00 (-1.00R), process A · outcome D (good loss), plan followed',
    );
    expect(summary).toMatch(
      /ben: long FINA 300 @ 30\.00 → 27\.00, -\$900\.00 \(-6\.00R\), process F · outcome F \(bad loss\)/,
    );
    expect(summary).toContain(
      [
        'Top lessons: 1. Widening a stop adds risk after the fact; move stops only toward profit. (FINA)',
        '2. Use a stop order at the planned level so the exit does not depend on a decision under stress. (FINA)',
        '3. Evaluate before you trade: 2 of 2 closed trades had no Buddy Report behind them.',
      ].join('\n'),
    );
  });
});
