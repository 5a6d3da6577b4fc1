import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMarketRepository,
  createSnapshotRepository,
  type Database,
  type MarketRepository,
} from '../../src/db/index.js';
import { createJobRepository } from '../../src/db/index.js';
import {
  runSnapshotJob,
  scheduleSnapshotJob,
  snapshotTimeframes,
  type SnapshotJobDeps,
} from '../../src/jobs/snapshot-job.js';
import { createSnapshotService } from '../../src/market/snapshots/index.js';
import { randomWalkBars } from '../helpers/context.js';
import { BACKENDS } from '../helpers/databases.js';

const DAY = 86_400_000;
const a = randomWalkBars({ count: 300, seed: 1 });
const b = randomWalkBars({ count: 300, seed: 2 });
const lastTs = a.at(-1)?.ts ?? 0;
const iso = (ts: number | undefined) => new Date(ts ?? 0).toISOString();

describe('snapshot timeframes', () => {
  it.each([
    [['1d'], ['1d', '1w', '1M']],
    [
      ['1h', '1d'],
      ['1h', '4h', '1d', '1w', '1M'],
    ],
    [['1M'], ['1M']],
  ] as const)('when %j bars are stored, then snapshots cover %j', (stored, expected) => {
    expect(snapshotTimeframes(stored)).toEqual(expected);
  });
});

describe.each(BACKENDS)('snapshot job on $name', (backend) => {
  let database: Database;
  let market: MarketRepository;
  let deps: SnapshotJobDeps;

  beforeAll(async () => {
    database = await backend.open();
    market = createMarketRepository(database.db);
    for (const [symbol, bars] of [
      ['AAA', a.slice(0, -1)],
      ['BBB', b],
    ] as const) {
      await market.ensureTicker({ symbol, name: symbol, assetClass: 'equity', source: 'test' });
      await market.insertBars(symbol, '1d', bars);
    }
    deps = {
      market,
      snapshots: createSnapshotService({ market, snapshots: createSnapshotRepository(database.db) }),
    };
  });
  afterAll(() => database.close());

  it('when the last bar has not closed yet, then it is left out of the snapshot', async () => {
    const report = await runSnapshotJob(deps, { now: lastTs + DAY / 2, symbols: ['BBB'] });
    expect(report.computed.find((c) => c.timeframe === '1d')).toEqual({
      symbol: 'BBB',
      timeframe: '1d',
      ts: iso(b.at(-2)?.ts),
    });
  });

  it('when it runs after the close, then every stale symbol/timeframe is computed at its last closed bar', async () => {
    const report = await runSnapshotJob(deps, { now: lastTs + DAY });
    expect(report.failed).toEqual([]);
    expect(report.checked).toBe(6);
    expect(report.computed.map((c) => `${c.symbol} ${c.timeframe} ${c.ts}`).sort()).toEqual([
      `AAA 1M ${iso(a.at(-2)?.ts)}`,
      `AAA 1d ${iso(a.at(-2)?.ts)}`,
      `AAA 1w ${iso(a.at(-2)?.ts)}`,
      `BBB 1M ${iso(b.at(-1)?.ts)}`,
      `BBB 1d ${iso(b.at(-1)?.ts)}`,
      `BBB 1w ${iso(b.at(-1)?.ts)}`,
    ]);
  });

  it('when it runs again with nothing new, then it computes nothing (idempotent)', async () => {
    const report = await runSnapshotJob(deps, { now: lastTs + DAY });
    expect(report).toMatchObject({ checked: 6, computed: [], fresh: 6, failed: [] });
  });

  it('when one symbol gets a new bar, then only that symbol is stale', async () => {
    await market.insertBars('AAA', '1d', a.slice(-1));
    const report = await runSnapshotJob(deps, { now: lastTs + DAY });
    expect(report.computed.map((c) => `${c.symbol} ${c.timeframe}`).sort()).toEqual([
      'AAA 1M',
      'AAA 1d',
      'AAA 1w',
    ]);
    expect(report.fresh).toBe(3);
    expect((await deps.snapshots.get('AAA', '1d')).source).toBe('stored');
  });

  it('when scheduled every second, then a tick runs the job and the new bar gets its snapshots', async () => {
    const next = randomWalkBars({ count: 301, seed: 2 }).at(-1);
    if (!next) throw new Error('no bar');
    await market.insertBars('BBB', '1d', [next]);
    const done: string[] = [];
    const logger = { info: (obj: object) => done.push(JSON.stringify(obj)), error: () => undefined };
    const schedule = scheduleSnapshotJob(
      { ...deps, logger },
      { pattern: '* * * * * *', clock: () => new Date(next.ts + DAY) },
    );
    try {
      await expect.poll(() => done.length, { timeout: 5_000, interval: 100 }).toBeGreaterThan(0);
    } finally {
      schedule.stop();
    }
    expect(JSON.parse(done[0] ?? '{}')).toMatchObject({ job: 'market-snapshots', computed: 3, failed: 0 });
    expect(await deps.snapshots.status('BBB', '1d')).toMatchObject({ ts: next.ts, stale: false });
  });

  it('when two instances tick in the same hour against one database, then exactly one computes', async () => {
    const jobs = createJobRepository(database.db);
    const at = () => new Date(lastTs + 3 * DAY);
    const one = scheduleSnapshotJob(deps, { pattern: '0 0 1 1 *', clock: at, jobs, instanceId: 'one' });
    const two = scheduleSnapshotJob(deps, { pattern: '0 0 1 1 *', clock: at, jobs, instanceId: 'two' });
    try {
      const reports = await Promise.all([one.tick(), two.tick(), one.tick()]);
      expect(reports.filter((r) => r !== undefined)).toHaveLength(1);
    } finally {
      one.stop();
      two.stop();
    }
  });
});
