import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMarketRepository,
  createSnapshotRepository,
  type Database,
  type MarketRepository,
} from '../../../src/db/index.js';
import { isAppError } from '../../../src/errors.js';
import { createContextPackBuilder } from '../../../src/market/context/index.js';
import { resample } from '../../../src/market/data/index.js';
import { computeFeatures } from '../../../src/market/features/index.js';
import {
  computeMarketState,
  createSnapshotService,
  type SnapshotService,
} from '../../../src/market/snapshots/index.js';
import type { Bar } from '../../../src/market/types.js';
import { randomWalkBars } from '../../helpers/context.js';
import { BACKENDS } from '../../helpers/databases.js';

const DAY = 86_400_000;
const bars = randomWalkBars({ count: 500, seed: 5 });
const user = {
  userId: 'u',
  equity: 50_000,
  equityIsDefault: true,
  rules: { maxRiskPct: 1, minRewardRisk: 1.5, maxPositionPct: 100, requireStop: true },
  rulesVersion: 0,
};

async function seed(market: MarketRepository, symbol: string, series: readonly Bar[]): Promise<void> {
  await market.ensureTicker({ symbol, name: symbol, assetClass: 'equity', source: 'test' });
  await market.insertBars(symbol, '1d', series);
}

describe.each(BACKENDS)('snapshot service on $name', (backend) => {
  let database: Database;
  let market: MarketRepository;
  let service: SnapshotService;

  beforeAll(async () => {
    database = await backend.open();
    market = createMarketRepository(database.db);
    service = createSnapshotService({ market, snapshots: createSnapshotRepository(database.db) });
    await seed(market, 'WALK', bars.slice(0, -1));
    await market.ensureTicker({ symbol: 'WALKER', name: 'x', assetClass: 'equity', source: 'test' });
  });
  afterAll(() => database.close());

  it('when a snapshot is missing, then it is computed from the bars and stored; the next read comes from the table, equal', async () => {
    const first = await service.get('WALK', '1d');
    const series = bars.slice(0, -1);
    expect(first.source).toBe('computed');
    expect(first.ts).toBe(series.at(-1)?.ts);
    expect(first.levels).toEqual(
      computeMarketState('1d', series, computeFeatures(series, { intraday: false })).levels,
    );
    const second = await service.get('WALK', '1d');
    expect(second.source).toBe('stored');
    expect({ levels: second.levels, regime: second.regime }).toEqual({
      levels: first.levels,
      regime: first.regime,
    });
  });

  it('when a new bar arrives, then the stored snapshot is stale and the next read computes one at the new bar', async () => {
    const before = await service.status('WALK', '1d');
    expect(before.stale).toBe(false);
    await market.insertBars('WALK', '1d', bars.slice(-1));
    const after = await service.status('WALK', '1d');
    expect(after).toEqual({ ts: bars.at(-1)?.ts, stored: bars.at(-2)?.ts, stale: true });
    const fresh = await service.get('WALK', '1d');
    expect(fresh).toMatchObject({ source: 'computed', ts: bars.at(-1)?.ts });
    expect((await service.status('WALK', '1d')).stale).toBe(false);
  });

  it('when asked as of a past date, then the snapshot is taken at the last bar on or before it', async () => {
    const asOf = (bars[300]?.ts ?? 0) + DAY / 2;
    const past = await service.get('WALK', '1d', { asOf });
    expect(past.ts).toBe(bars[300]?.ts);
    expect(past.levels.lastClose).toBeCloseTo(bars[300]?.close ?? 0, 2);
  });

  it('when a weekly snapshot is asked of daily bars, then it is keyed by the last daily bar and describes the last week', async () => {
    const weekly = await service.get('WALK', '1w');
    const weeks = resample(bars, '1d', '1w');
    expect(weekly.ts).toBe(bars.at(-1)?.ts);
    expect(weekly.levels.asOf).toBe(weeks.at(-1)?.ts);
    expect(weekly.levels.cadence).toBe('weekly');
  });

  it.each([
    ['WALX', 'unknown-symbol', ['WALK']],
    ['WALKER', 'no-market-data', undefined],
  ])('when %s is asked for, then the user error is %s', async (symbol, code, suggestions) => {
    const error = await service.get(symbol, '1d').catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe(code);
    if (suggestions && isAppError(error)) expect(error.details?.suggestions).toEqual(suggestions);
  });

  it('when the builder has the snapshot service, then a cold build reads the stored snapshot and equals a build that computed it', async () => {
    await seed(market, 'PACK', randomWalkBars({ count: 400, seed: 9 }));
    const computing = createContextPackBuilder({ market, snapshots: service });
    const first = await computing.build({ symbol: 'PACK', timeframe: '1d', user });
    expect(first.snapshotSource).toBe('computed');
    const reading = createContextPackBuilder({ market, snapshots: service });
    const second = await reading.build({ symbol: 'PACK', timeframe: '1d', user });
    expect(second.snapshotSource).toBe('stored');
    expect({ levels: second.levels, regime: second.regime }).toEqual({
      levels: first.levels,
      regime: first.regime,
    });
    const withoutDb = await createContextPackBuilder({ market }).build({
      symbol: 'PACK',
      timeframe: '1d',
      user,
    });
    expect({ levels: withoutDb.levels, regime: withoutDb.regime }).toEqual({
      levels: first.levels,
      regime: first.regime,
    });
  });

  it('when the same pack is built twice, then the second is a cache hit and MTFA is computed once per side', async () => {
    const builder = createContextPackBuilder({ market, snapshots: service });
    const a = await builder.build({ symbol: 'PACK', timeframe: '1d', user });
    const b = await builder.build({ symbol: 'PACK', timeframe: '1d', user: { ...user, userId: 'other' } });
    expect(builder.stats()).toMatchObject({ hits: 1, misses: 1 });
    expect(b.alignment('long')).toBe(a.alignment('long'));
    expect(a.alignment('short')).not.toBe(a.alignment('long'));
    expect(a.alignment('long').frames.map((f) => f.timeframe)).toEqual(['1d', '1w', '1M']);
  });
});
