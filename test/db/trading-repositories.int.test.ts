import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEvaluationRepository,
  createMarketRepository,
  createUserRepository,
  type Database,
} from '../../src/db/index.js';
import { isAppError } from '../../src/errors.js';
import { createTradingServices, type TradingServices } from '../../src/trading/index.js';
import { BACKENDS } from '../helpers/databases.js';

const T0 = new Date('2024-03-08T14:30:00Z');
const rules = { maxRiskPct: 1, minRewardRisk: 1.5, maxPositionPct: 100, requireStop: true };

describe.each(BACKENDS)('trading repositories on $name', (backend) => {
  let database: Database;
  let trading: TradingServices;
  let clock = T0;
  const users = ['cli:w:ann', 'cli:w:ben', 'slack:T1:cat'];

  beforeAll(async () => {
    database = await backend.open();
    const userRepo = createUserRepository(database.db);
    for (const userId of users)
      await userRepo.ensureUser({ userId, platform: userId.split(':')[0] ?? 'cli' });
    trading = createTradingServices({
      db: database.db,
      market: createMarketRepository(database.db),
      now: () => clock,
      userContext: async (userId) => ({
        userId,
        equity: 50_000,
        equityIsDefault: true,
        rules,
        rulesVersion: 0,
      }),
    });
  });
  afterAll(async () => database.close());

  it('when notes are searched, then stems match, partial words fall back to substrings, and only the owner sees them', async () => {
    const { journal } = trading;
    await journal.add({
      userId: 'cli:w:ann',
      noteText: 'Breakout failed on low volume, chased the open #fomo',
      tags: ['fomo'],
      symbol: 'TCHA',
    });
    await journal.add({
      userId: 'cli:w:ann',
      noteText: 'Waited for the retest this time',
      tags: [],
      symbol: null,
    });
    await journal.add({
      userId: 'cli:w:ben',
      noteText: 'Breakouts work in trending regimes',
      tags: [],
      symbol: null,
    });
    expect((await journal.search('cli:w:ann', 'breakouts volume')).map((r) => r.noteText)).toEqual([
      'Breakout failed on low volume, chased the open #fomo',
    ]);
    expect((await journal.search('cli:w:ann', 'retes')).map((r) => r.noteText)).toEqual([
      'Waited for the retest this time',
    ]);
    expect(await journal.search('cli:w:ann', 'trending')).toEqual([]);
    expect((await journal.search('cli:w:ann', '#fomo')).length).toBe(1);
    expect((await journal.list('cli:w:ann', 1)).map((r) => r.noteText)).toEqual([
      'Waited for the retest this time',
    ]);
    const scoped = await journal.between(
      'cli:w:',
      new Date(Date.now() - 60_000),
      new Date(Date.now() + 60_000),
    );
    expect(scoped.map((r) => r.userId).sort()).toEqual(['cli:w:ann', 'cli:w:ann', 'cli:w:ben']);
  });

  it('when the same report is saved twice, then the journal keeps one entry', async () => {
    const entry = {
      userId: 'cli:w:ben',
      noteText: 'report',
      tags: [],
      kind: 'report' as const,
      sourceKey: 'eval:x',
    };
    expect(await trading.journal.add(entry)).toBeDefined();
    expect(await trading.journal.add(entry)).toBeUndefined();
    expect(
      (await trading.journal.list('cli:w:ben', 50)).filter((r) => r.sourceKey === 'eval:x'),
    ).toHaveLength(1);
  });

  it('when a trade is opened, scaled, partly closed and closed, then the row, fills and position follow', async () => {
    const { trades, tradeRows } = trading;
    clock = new Date(T0.getTime());
    const opened = await trades.open({
      userId: 'cli:w:ann',
      symbol: 'ZZA',
      side: 'long',
      qty: 100,
      price: 185,
      stop: 180,
      target: 195,
    });
    expect(opened.trade).toMatchObject({
      status: 'open',
      qty: 100,
      openQty: 100,
      plannedStop: 180,
      plannedRisk: 500,
      peakRisk: 500,
    });
    clock = new Date(T0.getTime() + 60_000);
    await trades.add({ userId: 'cli:w:ann', symbol: 'ZZA', qty: 50, price: 182 });
    clock = new Date(T0.getTime() + 120_000);
    const part = await trades.close({ userId: 'cli:w:ann', symbol: 'ZZA', qty: 50, price: 190, fee: 1 });
    expect(part.trade).toMatchObject({ status: 'open', openQty: 100, qty: 150 });
    const [position] = await tradeRows.positionsOf('cli:w:ann');
    expect(position).toMatchObject({ symbol: 'ZZA', qty: 100, avgPrice: 184 });
    clock = new Date(T0.getTime() + 180_000);
    const done = await trades.close({ userId: 'cli:w:ann', symbol: 'ZZA', price: 192 });
    expect(done.trade.status).toBe('closed');
    expect(done.trade.pnl).toBeCloseTo(6 * 50 + 8 * 100 - 1, 9);
    // 1R from the fills (issue 14): 100 x (185 - 180) + 50 x (182 - 180) = 600, not 150 x 5.
    expect(done.trade.pnlR).toBeCloseTo(1099 / 600, 9);
    expect(done.trade.closeTs?.toISOString()).toBe('2024-03-08T14:33:00.000Z');
    expect(
      (await tradeRows.fillsOf(done.trade.tradeId)).map((f) => [f.seq, f.fillType, f.side, f.qty]),
    ).toEqual([
      [1, 'open', 'buy', 100],
      [2, 'add', 'buy', 50],
      [3, 'reduce', 'sell', 50],
      [4, 'close', 'sell', 100],
    ]);
    expect(await tradeRows.positionsOf('cli:w:ann')).toEqual([]);
    const window = await tradeRows.closedBetween(
      'cli:w:',
      new Date(T0.getTime()),
      new Date(T0.getTime() + 3_600_000),
    );
    expect(window.map((t) => t.tradeId)).toEqual([done.trade.tradeId]);
    expect(
      await tradeRows.closedBetween('slack:T1:', new Date(0), new Date(T0.getTime() + 3_600_000)),
    ).toEqual([]);
  });

  it('when two opens race for the same symbol, then exactly one trade exists', async () => {
    const attempt = () =>
      trading.trades.open({ userId: 'cli:w:ben', symbol: 'ZZB', side: 'long', qty: 10, price: 50 });
    const results = await Promise.allSettled([attempt(), attempt(), attempt()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await trading.tradeRows.openTrades('cli:w:ben')).filter((t) => t.symbol === 'ZZB')).toHaveLength(
      1,
    );
  });

  it('when a close is refused, then nothing is written', async () => {
    const before = await trading.tradeRows.countFills('cli:w:ben');
    const tries = [
      () => trading.trades.close({ userId: 'cli:w:ben', symbol: 'ZZB', qty: 11, price: 51 }),
      () => trading.trades.close({ userId: 'cli:w:ben', symbol: 'NOPE', price: 51 }),
      () => trading.trades.add({ userId: 'cli:w:ben', symbol: 'ZZB', qty: -1, price: 51 }),
      () =>
        trading.trades.open({
          userId: 'cli:w:ben',
          symbol: 'ZZD',
          side: 'long',
          qty: 10,
          price: 50,
          stop: 55,
        }),
    ];
    for (const attempt of tries)
      await expect(attempt()).rejects.toSatisfy((e) => isAppError(e) && e.category === 'user');
    expect(await trading.tradeRows.countFills('cli:w:ben')).toBe(before);
  });

  it('when an evaluated idea exists, then the trade links to it and moves it to open, then closed', async () => {
    const evaluations = createEvaluationRepository(database.db);
    const saved = await evaluations.saveEvaluated(
      {
        userId: 'slack:T1:cat',
        symbol: 'ZZC',
        side: 'short',
        timeframe: '1d',
        proposedEntry: 50,
        proposedStop: 52,
        proposedSize: 100,
        createdAt: new Date(T0.getTime() - 3_600_000),
      },
      {
        userId: 'slack:T1:cat',
        symbol: 'ZZC',
        timeframe: '1d',
        evalTs: T0,
        overallScore: 70,
        overallSeverity: 'low',
        modulesRun: [],
        summary: {},
        contextFacts: {},
        configVersion: 't',
      },
      [],
    );
    clock = T0;
    const opened = await trading.trades.open({
      userId: 'slack:T1:cat',
      symbol: 'ZZC',
      side: 'short',
      qty: 100,
      price: 50.2,
    });
    expect(opened.linked).toEqual({ intentId: saved.intentId, evalId: saved.evalId });
    expect(opened.trade).toMatchObject({
      plannedEntry: 50,
      plannedStop: 52,
      plannedRisk: 200,
      linkedEvalId: saved.evalId,
    });
    expect((await trading.tradeRows.getIntent(saved.intentId))?.status).toBe('open');
    const closed = await trading.trades.close({ userId: 'slack:T1:cat', symbol: 'ZZC', price: 49 });
    // 1R from the fill, not the idea's entry (issue 14): 100 x (52 - 50.2) = 180.
    expect(closed.trade.pnlR).toBeCloseTo(120 / 180, 9);
    expect(closed.trade.slippageEst).toBeCloseTo(-20, 9);
    expect((await trading.tradeRows.getIntent(saved.intentId))?.status).toBe('closed');
  });

  it('when twenty claims race for one run, then exactly one wins; a failed run is retried up to the limit', async () => {
    const { jobs } = trading;
    const claim = (runBy: string) =>
      jobs.claim({ job: 'test-job', runKey: 'k1', scheduledFor: T0, runBy, now: T0, maxAttempts: 2 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => claim(`p${i}`)));
    const winners = results.filter((r) => r !== undefined);
    expect(winners).toHaveLength(1);
    expect(await jobs.existingKeys('test-job', ['k1', 'k2'], ['running'])).toEqual(new Set(['k1']));
    await jobs.finish(winners[0]?.runId ?? '', { status: 'failed', now: T0, error: 'poster down' });
    const retries = await Promise.all([claim('a'), claim('b'), claim('c')]);
    expect(retries.filter((r) => r !== undefined).map((r) => r?.attempts)).toEqual([2]);
    await jobs.finish(retries.find((r) => r)?.runId ?? '', {
      status: 'failed',
      now: T0,
      error: 'still down',
    });
    expect(await claim('d')).toBeUndefined();
  });

  it('when a channel subscribes twice and then stops, then one row holds the latest time and it is disabled', async () => {
    const ref = { platform: 'slack', workspace: 'T1', channel: 'C1' };
    await trading.jobs.subscribe({
      ...ref,
      localTime: '17:30',
      timeZone: 'America/New_York',
      createdBy: 'slack:T1:cat',
      now: T0,
    });
    const again = await trading.jobs.subscribe({
      ...ref,
      localTime: '16:15',
      timeZone: 'Europe/London',
      createdBy: 'slack:T1:cat',
      now: T0,
    });
    expect(again).toMatchObject({ localTime: '16:15', timeZone: 'Europe/London', enabled: true });
    expect((await trading.jobs.enabledSubscriptions()).filter((s) => s.channel === 'C1')).toHaveLength(1);
    expect(await trading.jobs.unsubscribe(ref, T0)).toBe(true);
    expect(await trading.jobs.unsubscribe(ref, T0)).toBe(false);
    expect((await trading.jobs.enabledSubscriptions()).filter((s) => s.channel === 'C1')).toHaveLength(0);
  });
});
