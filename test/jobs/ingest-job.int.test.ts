import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJobRepository, createMarketRepository, type Database } from '../../src/db/index.js';
import { createIngestJob, ingestSlot } from '../../src/jobs/index.js';
import { createIngestor } from '../../src/market/ingest/index.js';
import { BACKENDS } from '../helpers/databases.js';
import { MarketFixture, startProvider } from '../helpers/providers/index.js';

describe('the ingest slot per the NYSE calendar', () => {
  it.each([
    ['2026-12-07T20:00:00Z', 'Monday 15:00 ET, open', 'intraday:2026-12-07T20:00:00.000Z'],
    ['2026-12-07T20:07:00Z', 'Monday 15:07 ET, same 5m bar', 'intraday:2026-12-07T20:05:00.000Z'],
    ['2026-12-07T21:30:00Z', 'Monday 16:30 ET, after the close', 'daily:2026-12-07'],
    ['2026-12-07T21:10:00Z', 'Monday 16:10 ET, too soon after the close', undefined],
    ['2026-12-05T17:00:00Z', 'a Saturday', undefined],
    ['2026-11-26T20:00:00Z', 'Thanksgiving', undefined],
    ['2026-11-27T17:00:00Z', 'the half day, 12:00 ET', 'intraday:2026-11-27T17:00:00.000Z'],
    ['2026-11-27T18:30:00Z', 'the half day, 13:30 ET (closed at 13:00)', 'daily:2026-11-27'],
  ])('at %s (%s), then the run key is %s', (at, _what, key) => {
    expect(ingestSlot(Date.parse(at), ['15m', '5m'])?.runKey).toBe(key);
  });
});

describe.each(BACKENDS)('the ingest job on $name', (backend) => {
  let database: Database;
  let close: () => Promise<void>;
  afterEach(async () => {
    await close();
    await database.close();
  });
  let now = Date.parse('2026-12-07T20:00:00Z');
  const fixture = new MarketFixture(() => now);
  beforeEach(async () => {
    database = await backend.open();
    const started = await startProvider('polygon', fixture);
    close = started.close;
    const market = createMarketRepository(database.db);
    const settings = { backfillDays: 60, intraday: ['15m' as const], intradayBackfillDays: 5 };
    const processes = [1, 2].map((n) => {
      const ingestor = createIngestor({ market, provider: started.provider, settings, now: () => now });
      return {
        ingestor,
        job: createIngestJob({
          ingestor,
          market,
          jobs: createJobRepository(database.db),
          clock: () => new Date(now),
          instanceId: `p${n}`,
        }),
      };
    });
    ctx = { processes };
  });
  let ctx: {
    processes: { ingestor: ReturnType<typeof createIngestor>; job: ReturnType<typeof createIngestJob> }[];
  };

  it('when two processes tick after the close, then exactly one fetches the session and a second tick does nothing', async () => {
    const [a, b] = ctx.processes;
    await a?.ingestor.ingest('NVDA');
    now = Date.parse('2026-12-07T21:30:00Z');
    const before = fixture.requests.length;
    const reports = await Promise.all([a?.job.tick(), b?.job.tick()]);
    const ran = reports.filter((r) => r !== undefined);
    expect(ran).toHaveLength(1);
    // Monday's daily bar and its last four 15m bars.
    expect(ran[0]).toMatchObject({ runKey: 'daily:2026-12-07', symbols: 1, added: 1 + 4, failed: [] });
    expect(fixture.requests.length - before).toBe(2);
    expect(await a?.job.tick()).toBeUndefined();
    expect(await b?.job.tick()).toBeUndefined();
  });

  it('when only some fetched symbols are still watched, then only those are kept up to date', async () => {
    const [a] = ctx.processes;
    now = Date.parse('2026-12-07T20:00:00Z');
    await a?.ingestor.ingest('NVDA');
    await a?.ingestor.ingest('MSFT');
    now = Date.parse('2026-12-07T21:30:00Z');
    const job = createIngestJob({
      ingestor: a?.ingestor as ReturnType<typeof createIngestor>,
      market: createMarketRepository(database.db),
      jobs: createJobRepository(database.db),
      clock: () => new Date(now),
      instanceId: 'p3',
      watched: async () => ['MSFT', 'TCHA'],
    });
    const before = fixture.requests.length;
    expect(await job.tick()).toMatchObject({ runKey: 'daily:2026-12-07', symbols: 1, failed: [] });
    // MSFT's daily and 15m bars; NVDA is no longer watched and TCHA was never fetched from the provider.
    expect(fixture.requests.length - before).toBe(2);
  });
});
