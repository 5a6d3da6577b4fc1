import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMarketRepository, createUserRepository, type Database } from '../../src/db/index.js';
import {
  createMemoryPoster,
  createSummaryScheduler,
  DAILY_SUMMARY_JOB,
  dailyRunKey,
  type SummaryPoster,
  type SummaryScheduler,
} from '../../src/jobs/index.js';
import { createTradingServices, localDate, type TradingServices } from '../../src/trading/index.js';
import { BACKENDS, POSTGRES_URL, throwawayPostgres } from '../helpers/databases.js';

const START = new Date('2024-03-04T00:00:00Z'); // a Monday; New York changes to DST on Sunday 10 March
const END = new Date('2024-03-18T00:00:00Z');
const STEP = 30 * 60_000;
const rules = { maxRiskPct: 1, minRewardRisk: 1.5, maxPositionPct: 100, requireStop: true };

const SUBSCRIPTIONS = [
  { channel: 'ny', localTime: '17:30', timeZone: 'America/New_York' },
  { channel: 'tokyo', localTime: '08:30', timeZone: 'Asia/Tokyo' },
  { channel: 'london', localTime: '16:00', timeZone: 'Europe/London' },
];
const WEEKDAYS = ['04', '05', '06', '07', '08', '11', '12', '13', '14', '15'].map((d) => `2024-03-${d}`);
const EXPECTED: Record<string, string[]> = {
  ny: WEEKDAYS,
  // Monday 4 March 08:30 in Tokyo is before the subscription started; Monday 18 March is inside the range.
  tokyo: [...WEEKDAYS.slice(1), '2024-03-18'],
  london: WEEKDAYS,
};

interface Rig {
  trading: TradingServices;
  scheduler: SummaryScheduler;
}

function rig(database: Database, clock: () => Date, poster: SummaryPoster, instanceId: string): Rig {
  const trading = createTradingServices({
    db: database.db,
    market: createMarketRepository(database.db),
    now: clock,
    userContext: async (userId) => ({
      userId,
      equity: 50_000,
      equityIsDefault: true,
      rules,
      rulesVersion: 0,
    }),
  });
  const scheduler = createSummaryScheduler({
    jobs: trading.jobs,
    trading,
    users: createUserRepository(database.db),
    poster,
    clock,
    instanceId,
  });
  return { trading, scheduler };
}

async function subscribeAll(trading: TradingServices, since: Date): Promise<void> {
  for (const s of SUBSCRIPTIONS) {
    await trading.jobs.subscribe({
      platform: 'slack',
      workspace: 'T1',
      channel: s.channel,
      localTime: s.localTime,
      timeZone: s.timeZone,
      createdBy: 'slack:T1:ann',
      now: since,
    });
  }
}

function postsByChannel(poster: ReturnType<typeof createMemoryPoster>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of poster.posts)
    (out[p.channel.channel] ??= []).push(p.reply.title.replace('Daily post-trade summary: ', ''));
  return out;
}

describe.each(BACKENDS)('daily summary scheduler on $name', (backend) => {
  let database: Database;
  let now = START;
  const clock = () => now;

  // A fresh database per test: subscriptions from one test must not post in another.
  beforeEach(async () => {
    database = await backend.open();
    await createUserRepository(database.db).ensureUser({
      userId: 'slack:T1:ann',
      platform: 'slack',
      displayName: 'Ann',
    });
  });
  afterEach(async () => database.close());

  it('when two weeks pass in half-hour ticks, then each channel gets one summary per weekday at its local time, none at weekends', async () => {
    const poster = createMemoryPoster();
    const { trading, scheduler } = rig(database, clock, poster, 'solo');
    await subscribeAll(trading, START);
    const postedAt: number[] = [];
    for (now = START; now < END; now = new Date(now.getTime() + STEP)) {
      const ran = await scheduler.tick();
      for (const r of ran) postedAt.push(now.getTime() - r.slot.getTime());
    }
    expect(postsByChannel(poster)).toEqual(EXPECTED);
    // Every post went out on the tick at its slot, not later.
    expect(Math.max(...postedAt)).toBe(0);
    const runs = await trading.jobs.runsOf(DAILY_SUMMARY_JOB);
    expect(runs).toHaveLength(30);
    expect(runs.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
    // DST: 17:30 in New York is 22:30Z before 10 March and 21:30Z after.
    const ny = poster.posts.filter((p) => p.channel.channel === 'ny');
    expect(ny[4]?.reply.footer).toContain('to 2024-03-08T22:30:00.000Z');
    expect(ny[5]?.reply.footer).toContain('to 2024-03-11T21:30:00.000Z');
  });

  it('when the process was down over a slot, then start-up catches it up once and a second start repeats nothing', async () => {
    const poster = createMemoryPoster();
    const { trading, scheduler } = rig(database, clock, poster, 'first');
    await trading.jobs.subscribe({
      platform: 'cli',
      workspace: 'local',
      channel: 'catchup',
      localTime: '17:30',
      timeZone: 'America/New_York',
      createdBy: null,
      now: new Date('2024-03-19T12:00:00Z'),
    });
    now = new Date('2024-03-20T23:40:00Z'); // Wednesday 19:40 in New York: Tuesday's and Wednesday's 17:30 were missed
    const first = await scheduler.start();
    scheduler.stop();
    expect(first.map((r) => [r.status, localDate(r.slot.getTime(), 'America/New_York')])).toEqual([
      ['done', '2024-03-20'],
    ]);
    const again = rig(database, clock, poster, 'second');
    now = new Date('2024-03-20T23:55:00Z');
    expect(await again.scheduler.start()).toEqual([]);
    again.scheduler.stop();
    expect(poster.posts.filter((p) => p.channel.channel === 'catchup')).toHaveLength(1);
  });

  it('when the poster fails once, then the stored post is sent again on the next tick, once, without being built again', async () => {
    const poster = createMemoryPoster();
    let failures = 1;
    const flaky: SummaryPoster = {
      post: async (channel, reply) =>
        failures-- > 0 ? Promise.reject(new Error('slack 503')) : poster.post(channel, reply),
    };
    const { trading, scheduler } = rig(database, clock, flaky, 'flaky');
    await trading.jobs.subscribe({
      platform: 'discord',
      workspace: 'G1',
      channel: 'flaky',
      localTime: '09:00',
      timeZone: 'UTC',
      createdBy: null,
      now: new Date('2024-04-01T00:00:00Z'),
    });
    now = new Date('2024-04-01T09:00:00Z');
    expect((await scheduler.tick()).map((r) => r.status)).toEqual(['undelivered']);
    now = new Date('2024-04-01T09:01:00Z');
    expect((await scheduler.tick()).map((r) => r.status)).toEqual(['redelivered']);
    expect(await scheduler.tick()).toEqual([]);
    expect(poster.posts).toHaveLength(1);
    const [run] = await trading.jobs.runsOf(DAILY_SUMMARY_JOB);
    expect(run).toMatchObject({ status: 'done', attempts: 1, deliveryAttempts: 2, error: null });
    expect(run?.deliveredAt).toBeInstanceOf(Date);
    expect(run?.result).toMatchObject({ messageId: 'memory-1' });
  });

  const subscribeOne = (trading: TradingServices, channel: string) =>
    trading.jobs.subscribe({
      platform: 'slack',
      workspace: 'T1',
      channel,
      localTime: '09:00',
      timeZone: 'UTC',
      createdBy: null,
      now: new Date('2024-04-01T00:00:00Z'),
    });

  it('when the process dies between storing the summary and posting it, then another process posts the stored one once after ten minutes', async () => {
    const poster = createMemoryPoster();
    // A poster that never answers: the process froze or died mid-post.
    const dead = rig(
      database,
      () => new Date('2024-04-01T09:00:00Z'),
      { post: () => new Promise(() => {}) },
      'dead',
    );
    await subscribeOne(dead.trading, 'crash');
    void dead.scheduler.tick();
    const alive = rig(database, clock, poster, 'alive');
    let runs = await alive.trading.jobs.runsOf(DAILY_SUMMARY_JOB);
    for (let i = 0; i < 100 && !runs[0]?.output; i++) {
      await new Promise((r) => setTimeout(r, 20));
      runs = await alive.trading.jobs.runsOf(DAILY_SUMMARY_JOB);
    }
    expect(runs[0]?.output).toBeTruthy();
    now = new Date('2024-04-01T09:05:00Z');
    expect(await alive.scheduler.tick()).toEqual([]);
    now = new Date('2024-04-01T09:11:00Z');
    expect((await alive.scheduler.tick()).map((r) => r.status)).toEqual(['redelivered']);
    expect(await alive.scheduler.tick()).toEqual([]);
    expect(poster.posts.map((p) => p.reply.title)).toEqual(['Daily post-trade summary: 2024-04-01']);
    const [run] = await alive.trading.jobs.runsOf(DAILY_SUMMARY_JOB);
    expect(run).toMatchObject({ runBy: 'dead', attempts: 1 });
    expect(run?.deliveredAt).toBeInstanceOf(Date);
  });

  it('when the process dies after claiming a summary but before storing it, then another process builds and posts it once after ten minutes', async () => {
    const poster = createMemoryPoster();
    const alive = rig(database, clock, poster, 'alive');
    const sub = await subscribeOne(alive.trading, 'claimed');
    const slot = new Date('2024-04-01T09:00:00Z');
    await alive.trading.jobs.claim({
      job: DAILY_SUMMARY_JOB,
      runKey: dailyRunKey(sub.subscriptionId, slot, 'UTC'),
      scheduledFor: slot,
      runBy: 'dead',
      now: slot,
    });
    now = new Date('2024-04-01T09:05:00Z');
    expect((await alive.scheduler.tick()).map((r) => r.status)).toEqual(['claimed-elsewhere']);
    now = new Date('2024-04-01T09:11:00Z');
    expect((await alive.scheduler.tick()).map((r) => r.status)).toEqual(['done']);
    expect(await alive.scheduler.tick()).toEqual([]);
    expect(poster.posts).toHaveLength(1);
    expect(await alive.trading.jobs.runsOf(DAILY_SUMMARY_JOB)).toMatchObject([
      { runBy: 'alive', attempts: 2 },
    ]);
  });

  it("when a trade closes in the window, then that day's post lists it and other workspaces' trades stay out", async () => {
    const poster = createMemoryPoster();
    const { trading, scheduler } = rig(database, clock, poster, 'content');
    const users = createUserRepository(database.db);
    await users.ensureUser({ userId: 'slack:T9:ann', platform: 'slack', displayName: 'Ann' });
    await users.ensureUser({ userId: 'slack:T8:eve', platform: 'slack' });
    await trading.jobs.subscribe({
      platform: 'slack',
      workspace: 'T9',
      channel: 'desk',
      localTime: '17:30',
      timeZone: 'America/New_York',
      createdBy: 'slack:T9:ann',
      now: new Date('2024-05-01T00:00:00Z'),
    });
    for (const [userId, symbol] of [
      ['slack:T9:ann', 'ZZA'],
      ['slack:T8:eve', 'ZZE'],
    ] as const) {
      now = new Date('2024-05-01T14:00:00Z');
      await trading.trades.open({ userId, symbol, side: 'long', qty: 100, price: 185, stop: 180 });
      now = new Date('2024-05-01T18:00:00Z');
      await trading.trades.close({ userId, symbol, price: 192 });
    }
    await trading.journal.add({
      userId: 'slack:T9:ann',
      noteText: 'Waited for the pullback #lesson',
      tags: ['lesson'],
      symbol: 'ZZA',
    });
    now = new Date('2024-05-01T21:30:00Z');
    await scheduler.tick();
    const [post] = poster.posts;
    const text = post?.reply.sections.map((s) => `${s.heading}: ${s.text}`).join('\n') ?? '';
    expect(text).toContain('Ann: long ZZA 100 @ 185.00 → 192.00, +$700.00 (+1.40R), plan followed');
    expect(text).not.toContain('ZZE');
    expect(post?.channel).toEqual({ platform: 'slack', workspace: 'T9', channel: 'desk' });
  });
});

async function twoConnections(url: string): Promise<{ a: Database; b: Database; drop(): Promise<void> }> {
  const { databases, drop } = await throwawayPostgres(url, 'tb_sched', 2);
  const [a, b] = databases as [Database, Database];
  return { a, b, drop: drop };
}

describe.skipIf(!POSTGRES_URL)('two schedulers on one Postgres server', () => {
  it('when two processes tick at the same instants for two weeks, then every summary is posted exactly once', async () => {
    const dbs = await twoConnections(POSTGRES_URL ?? '');
    try {
      let now = START;
      const clock = () => now;
      const poster = createMemoryPoster();
      await createUserRepository(dbs.a.db).ensureUser({ userId: 'slack:T1:ann', platform: 'slack' });
      const one = rig(dbs.a, clock, poster, 'instance-a');
      const two = rig(dbs.b, clock, poster, 'instance-b');
      await subscribeAll(one.trading, START);
      let claimedElsewhere = 0;
      for (; now < END; now = new Date(now.getTime() + STEP)) {
        const outcomes = (await Promise.all([one.scheduler.tick(), two.scheduler.tick()])).flat();
        claimedElsewhere += outcomes.filter((o) => o.status === 'claimed-elsewhere').length;
      }
      expect(postsByChannel(poster)).toEqual(EXPECTED);
      const runs = await one.trading.jobs.runsOf(DAILY_SUMMARY_JOB);
      expect(new Set(runs.map((r) => r.runKey)).size).toBe(runs.length);
      const ranBy = (id: string) => runs.filter((r) => r.runBy === id).length;
      console.info(
        `two schedulers: ${poster.posts.length} posts for ${runs.length} runs; instance-a ran ${ranBy('instance-a')}, instance-b ran ${ranBy('instance-b')}, lost claims ${claimedElsewhere}`,
      );
    } finally {
      await dbs.drop();
    }
  });
});
