import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEvaluationRepository,
  createMarketRepository,
  createReviewRepository,
  createUserRepository,
  type Database,
} from '../../src/db/index.js';
import { postTradeReviews } from '../../src/db/schema/index.js';
import { createReviewSweeper } from '../../src/jobs/index.js';
import { parseOhlcvCsv, spxCsvPath } from '../../src/market/data/index.js';
import {
  createReviewService,
  POST_TRADE_REVIEW_JOB,
  REVIEW_VERSION,
  type ReviewService,
} from '../../src/review/index.js';
import { createTradingServices, type TradingServices } from '../../src/trading/index.js';
import { BACKENDS, POSTGRES_URL, throwawayPostgres } from '../helpers/databases.js';

const rules = { maxRiskPct: 1, minRewardRisk: 1.5, maxPositionPct: 100, requireStop: true };
const USER = 'slack:T1:ann';
const spx = parseOhlcvCsv(readFileSync(spxCsvPath(), 'utf8'), { symbol: 'SPX' }).bySymbol.get('SPX') ?? [];
// Twelve two-week SPX swings in 2019, entered and exited at the close of real bars.
const SWINGS = spx
  .filter((b) => b.ts >= Date.UTC(2019, 0, 2) && b.ts < Date.UTC(2019, 11, 1))
  .filter((_, i) => i % 18 === 0)
  .slice(0, 12);

interface Worker {
  trading: TradingServices;
  review: ReviewService;
}

function worker(database: Database, clock: () => Date, instanceId: string): Worker {
  const market = createMarketRepository(database.db);
  const trading = createTradingServices({
    db: database.db,
    market,
    now: clock,
    userContext: async (userId) => ({
      userId,
      equity: 50_000,
      equityIsDefault: true,
      rules,
      rulesVersion: 0,
    }),
  });
  const review = createReviewService({
    trades: trading.tradeRows,
    evaluations: createEvaluationRepository(database.db),
    reviews: createReviewRepository(database.db),
    jobs: trading.jobs,
    market,
    now: clock,
    instanceId,
  });
  return { trading, review };
}

/** Two connection pools to one fresh database: two processes as far as Postgres can tell. */
async function twoPools(url: string): Promise<{ a: Database; b: Database; close(): Promise<void> }> {
  const { databases, drop } = await throwawayPostgres(url, 'tb_review', 2);
  const [a, b] = databases as [Database, Database];
  return { a, b, close: drop };
}

const SETUPS = [
  ...BACKENDS.filter((b) => b.name === 'pglite').map((b) => ({
    name: 'one PGlite shared by two workers',
    open: async () => {
      const db = await b.open();
      return { a: db, b: db, close: () => db.close() };
    },
  })),
  ...(POSTGRES_URL
    ? [{ name: 'two connection pools on the Postgres server', open: () => twoPools(POSTGRES_URL ?? '') }]
    : []),
];

describe.each(SETUPS)('post-trade review job with $name', (setup) => {
  let dbs: Awaited<ReturnType<typeof setup.open>>;
  let now = new Date(Date.UTC(2019, 0, 2, 15));
  const clock = () => now;
  let one: Worker;
  let two: Worker;
  const tradeIds: string[] = [];

  beforeAll(async () => {
    dbs = await setup.open();
    const market = createMarketRepository(dbs.a.db);
    await market.ensureTicker({
      symbol: 'SPX',
      name: 'S&P 500',
      assetClass: 'index',
      source: 'vega-datasets',
    });
    await market.insertBars('SPX', '1d', spx);
    await createUserRepository(dbs.a.db).ensureUser({ userId: USER, platform: 'slack' });
    one = worker(dbs.a, clock, 'worker-a');
    two = worker(dbs.b, clock, 'worker-b');
    for (const bar of SWINGS) {
      now = new Date(bar.ts + 20 * 3_600_000);
      await one.trading.trades.open({
        userId: USER,
        symbol: 'SPX',
        side: 'long',
        qty: 2,
        price: bar.close,
        stop: bar.close * 0.97,
        target: bar.close * 1.06,
      });
      const exit = spx[spx.indexOf(bar) + 10];
      now = new Date((exit?.ts ?? 0) + 20 * 3_600_000);
      const closed = await one.trading.trades.close({
        userId: USER,
        symbol: 'SPX',
        price: exit?.close ?? bar.close,
      });
      tradeIds.push(closed.trade.tradeId);
    }
  }, 120_000);
  afterAll(async () => dbs.close());

  it('when both workers run the job for the same trade at once, then exactly one generates and stores it', async () => {
    const [id] = tradeIds;
    const outcomes = await Promise.all([one.review.runJob(id ?? ''), two.review.runJob(id ?? '')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(expect.arrayContaining(['done']));
    expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(1);
    const runs = (await one.trading.jobs.runsOf(POST_TRADE_REVIEW_JOB)).filter(
      (r) => r.runKey === `${id}:v${REVIEW_VERSION}`,
    );
    expect(runs.map((r) => [r.status, r.attempts])).toEqual([['done', 1]]);
  });

  it('when both workers sweep every closed trade concurrently, then each trade is reviewed once and the work is shared out by the claims', async () => {
    const since = new Date(Date.UTC(2018, 11, 1));
    const outcomes = (await Promise.all([one.review.sweep({ since }), two.review.sweep({ since })])).flat();
    const runs = await one.trading.jobs.runsOf(POST_TRADE_REVIEW_JOB);
    expect(runs).toHaveLength(tradeIds.length);
    expect(runs.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    expect(new Set(runs.map((r) => r.runKey)).size).toBe(tradeIds.length);
    const stored = await createReviewRepository(dbs.a.db).forTrades(tradeIds, REVIEW_VERSION);
    expect(stored).toHaveLength(tradeIds.length);
    // Another sweep finds nothing left to do.
    expect(await two.review.sweep({ since })).toEqual([]);
    const ranBy = (w: string) => runs.filter((r) => r.runBy === w).length;
    console.info(
      `${setup.name}: ${tradeIds.length} trades, ${outcomes.length} job attempts, worker-a ran ${ranBy('worker-a')}, worker-b ran ${ranBy('worker-b')}, lost claims ${outcomes.filter((o) => o.status === 'claimed-elsewhere').length}`,
    );
  });

  it('when reviewed on real SPX bars, then every review measured its range on the bars with an ATR at entry', async () => {
    const reviews = await one.review.forTrades(tradeIds);
    for (const review of reviews.values()) {
      expect(review.excursions).toMatchObject({ basis: 'bars', coverage: 'full', barsHeld: 11 });
      expect(review.atrAtEntry).toBeGreaterThan(0);
      expect(review.excursions.maeR ?? 1).toBeLessThanOrEqual(0);
      expect(review.excursions.mfeR ?? -1).toBeGreaterThanOrEqual(0);
    }
    expect(reviews.size).toBe(tradeIds.length);
  });

  it('when a stored review no longer reads back (an older layout), then asking for it rewrites the same row', async () => {
    const [id = ''] = tradeIds;
    const before = await one.review.review(id);
    await dbs.a.db
      .update(postTradeReviews)
      .set({ facts: { layout: 'old' } })
      .where(eq(postTradeReviews.tradeId, id));
    expect(await two.review.runJob(id)).toMatchObject({ status: 'claimed-elsewhere' });
    const after = await two.review.review(id);
    expect(after).toMatchObject({
      reviewId: before.reviewId,
      processGrade: before.processGrade,
      avgEntry: before.avgEntry,
    });
  });

  it('when the job ran on a trade that was still open, then it failed, and after the close a later claim retries it once', async () => {
    now = new Date(Date.UTC(2019, 11, 2, 20));
    const opened = await one.trading.trades.open({
      userId: USER,
      symbol: 'SPX',
      side: 'long',
      qty: 1,
      price: 3100,
      stop: 3000,
    });
    expect(await one.review.runJob(opened.trade.tradeId)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('still open'),
    });
    now = new Date(Date.UTC(2019, 11, 5, 20));
    await one.trading.trades.close({ userId: USER, symbol: 'SPX', price: 3110 });
    const sweeper = createReviewSweeper({ review: two.review, clock });
    const outcomes = await sweeper.tick();
    expect(outcomes.map((o) => [o.tradeId, o.status])).toEqual([[opened.trade.tradeId, 'done']]);
    const [run] = (await one.trading.jobs.runsOf(POST_TRADE_REVIEW_JOB)).filter((r) =>
      r.runKey.startsWith(opened.trade.tradeId),
    );
    expect(run).toMatchObject({ status: 'done', attempts: 2, runBy: 'worker-b' });
  });
});
