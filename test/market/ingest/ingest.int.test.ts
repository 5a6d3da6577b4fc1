import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMarketRepository, type Database, type MarketRepository } from '../../../src/db/index.js';
import { AppError } from '../../../src/errors.js';
import { sessionsBetween } from '../../../src/market/calendar/index.js';
import { createIngestor, type Ingestor } from '../../../src/market/ingest/index.js';
import { BACKENDS } from '../../helpers/databases.js';
import { MarketFixture, startProvider } from '../../helpers/providers/index.js';

const MON_1500_ET = Date.parse('2026-12-07T20:00:00Z');
const TUE_AFTER_CLOSE = Date.parse('2026-12-08T22:00:00Z');
const FAST = { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 5, maxRetryAfterMs: 2_000 };

describe.each(BACKENDS)('ingestion on $name', (backend) => {
  let database: Database;
  let market: MarketRepository;
  let now = MON_1500_ET;
  let fixture: MarketFixture;
  let ingestor: Ingestor;
  let close: () => Promise<void>;

  beforeEach(async () => {
    now = MON_1500_ET;
    database = await backend.open();
    market = createMarketRepository(database.db);
    fixture = new MarketFixture(() => now);
    const started = await startProvider('yahoo', fixture);
    close = started.close;
    ingestor = createIngestor({
      market,
      provider: started.provider,
      settings: { backfillDays: 730, intraday: ['15m'], intradayBackfillDays: 30, backoff: FAST },
      now: () => now,
    });
  });
  afterEach(async () => {
    await close();
    await database.close();
  });
  afterAll(() => undefined);

  it('when a symbol has no bars, then two years of closed daily bars and 30 days of 15m bars are stored, once', async () => {
    const report = await ingestor.ingest('nvda');
    const [daily, intraday] = report.outcomes;
    const sessions = sessionsBetween(now - 730 * 86_400_000, now).filter((s) => s.close <= now);
    expect(daily).toMatchObject({ timeframe: '1d', kind: 'backfill', added: sessions.length });
    expect(sessions.length).toBeGreaterThan(490);
    // Today's session is still open at 15:00 ET: no daily bar for it; its 15m bars up to 14:45-15:00 are in.
    expect(new Date((await market.latestBarTs('NVDA', '1d')) ?? 0).toISOString()).toBe(
      '2026-12-04T00:00:00.000Z',
    );
    expect(await market.latestBarTs('NVDA', '15m')).toBe(Date.parse('2026-12-07T19:45:00Z'));
    expect(intraday?.kind).toBe('backfill');
    expect((await market.getTicker('NVDA'))?.source).toBe('Yahoo Finance');

    const before = await market.countBars('NVDA');
    const again = await ingestor.ingest('NVDA');
    expect(again.outcomes.map((o) => o.kind)).toEqual(['up-to-date', 'up-to-date']);
    expect(await market.countBars('NVDA')).toBe(before);
  });

  it('when sessions close after the back-fill, then only the new bars are fetched and added', async () => {
    await ingestor.ingest('NVDA');
    now = TUE_AFTER_CLOSE;
    const report = await ingestor.ingest('NVDA');
    expect(report.outcomes[0]).toMatchObject({ kind: 'incremental', added: 2 });
    // Monday's last bar (15:00-16:00 ET: 4) and Tuesday's 26.
    expect(report.outcomes[1]).toMatchObject({ kind: 'incremental', added: 4 + 26 });
  });

  it('when the provider splits the stock, then stored bars before it are adjusted once, in every timeframe', async () => {
    await ingestor.ingest('NVDA');
    const daily = await market.loadBars('NVDA', '1d', { limit: 3 });
    const intraday = await market.loadBars('NVDA', '15m', { limit: 1 });
    fixture.split('NVDA', Date.parse('2026-12-08T14:30:00Z'), 4);
    now = TUE_AFTER_CLOSE;
    const report = await ingestor.ingest('NVDA');
    expect(report.outcomes.map((o) => o.split?.ratio)).toEqual([expect.closeTo(4, 9), expect.closeTo(4, 9)]);
    const after = await market.loadBars('NVDA', '1d', { until: daily.at(-1)?.ts ?? 0, limit: 3 });
    expect(after.map((b) => b.close)).toEqual(daily.map((b) => expect.closeTo(b.close / 4, 9)));
    expect(after[0]?.volume).toBe(Math.round((daily[0]?.volume ?? 0) * 4));
    const [intradayAfter] = await market.loadBars('NVDA', '15m', { until: intraday[0]?.ts ?? 0, limit: 1 });
    expect(intradayAfter?.close).toBeCloseTo((intraday[0]?.close ?? 0) / 4, 9);
    // What is stored now matches what the provider serves, so a rerun finds nothing to adjust.
    const served = fixture
      .bars('NVDA', '1d', 0, now)
      .find((b) => b.ts === Date.parse('2026-12-04T14:30:00Z'));
    expect(after.at(-1)?.close).toBeCloseTo(served?.close ?? 0, 9);
    now += 3_600_000;
    const rerun = await ingestor.ingest('NVDA');
    expect(rerun.outcomes.every((o) => o.split === undefined)).toBe(true);
  });

  it('when the provider answers 429 with Retry-After and then 503, then the ingest backs off and succeeds', async () => {
    fixture.failures.push({ status: 429, retryAfter: '0' }, { status: 503 });
    const report = await ingestor.ingest('AMD', ['1d']);
    expect(report.outcomes[0]).toMatchObject({ kind: 'backfill' });
    expect(report.outcomes[0]?.added).toBeGreaterThan(490);
    expect(fixture.requests).toHaveLength(3);
  });

  it('when the provider keeps failing, then that timeframe is reported failed and nothing is written', async () => {
    fixture.failures.push({ status: 500 }, { status: 500 }, { status: 500 });
    const report = await ingestor.ingest('AMD', ['1d']);
    expect(report.outcomes[0]).toMatchObject({ kind: 'failed', added: 0 });
    expect(report.outcomes[0]?.error).toContain('did not answer');
    expect(await market.getTicker('AMD')).toBeUndefined();
  });

  it('when the provider does not know the symbol, then a user error names it and nothing is written', async () => {
    fixture.unknown.add('QQQZ');
    const error = await ingestor.ingest('QQQZ').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessage).toBe(
      'I have no data for QQQZ, and Yahoo Finance has none either: check the ticker.',
    );
    expect(await market.getTicker('QQQZ')).toBeUndefined();
    expect(fixture.requests).toHaveLength(1);
  });

  it('when two callers ingest the same symbol at once, then the provider is asked once', async () => {
    const [a, b] = await Promise.all([ingestor.ingest('INTC', ['1d']), ingestor.ingest('INTC', ['1d'])]);
    expect(a).toBe(b);
    expect(fixture.requests).toHaveLength(1);
  });
});
