import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFundamentalsRepository,
  createMarketRepository,
  type Database,
  type FundamentalsRepository,
} from '../../../src/db/index.js';
import { DEMO_UNIVERSE } from '../../../src/market/data/index.js';
import {
  DEMO_FUNDAMENTALS_SOURCE,
  fundamentalsOf,
  importFundamentalsFile,
  loadDemoFundamentals,
} from '../../../src/market/fundamentals/index.js';
import { BACKENDS } from '../../helpers/databases.js';

const file = fileURLToPath(new URL('../../fixtures/fundamentals/good-and-bad.csv', import.meta.url));

describe.each(BACKENDS)('fundamentals on $name', (backend) => {
  let database: Database;
  let repo: FundamentalsRepository;
  beforeAll(async () => {
    database = await backend.open();
    const market = createMarketRepository(database.db);
    await market.upsertTickers([
      { symbol: 'SPX', name: 'S&P 500', assetClass: 'index', source: 'test' },
      ...DEMO_UNIVERSE.map((d) => ({
        symbol: d.symbol,
        name: d.name,
        assetClass: 'equity' as const,
        sector: d.sector,
        industry: d.industry,
        isSynthetic: true,
        source: 'test',
      })),
    ]);
    repo = createFundamentalsRepository(database.db);
  });
  afterAll(async () => database.close());

  it('when demo fundamentals load, then the 12 demo stocks get marked values and the index none', async () => {
    expect(await loadDemoFundamentals(repo)).toEqual({ written: 12 });
    expect(await loadDemoFundamentals(repo)).toEqual({ written: 0 });
    const tchb = await fundamentalsOf(repo, 'TCHB');
    expect(tchb).toMatchObject({
      assetClass: 'equity',
      sector: 'Technology',
      source: DEMO_FUNDAMENTALS_SOURCE,
      asOf: '2020-03-31',
    });
    expect(tchb?.peRatio).toBeGreaterThan(0);
    expect(await fundamentalsOf(repo, 'SPX')).toMatchObject({
      assetClass: 'index',
      peRatio: null,
      source: null,
    });
    expect(await fundamentalsOf(repo, 'NOPE')).toBeUndefined();
  });

  it('when a CSV is imported, then good rows overwrite the demo values and bad rows and unknown symbols are listed by line', async () => {
    const report = await importFundamentalsFile(repo, file);
    expect(report).toMatchObject({ updated: 3, rows: 9 });
    expect(report.skipped.map((s) => s.line)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(report.skipped.find((s) => s.line === 8)?.reason).toMatch(/^ZZZZ: unknown symbol/);
    expect(await fundamentalsOf(repo, 'TCHA')).toMatchObject({
      peRatio: 31.5,
      source: 'vendor-x',
      sector: 'Technology',
      asOf: '2020-03-31',
    });
    expect(await fundamentalsOf(repo, 'HLTA')).toMatchObject({
      marketCap: 2000,
      source: `csv:${file}`,
      sector: 'Health Care',
    });
  });

  it('when demo data loads again after an import, then imported numbers are kept', async () => {
    await loadDemoFundamentals(repo);
    expect((await fundamentalsOf(repo, 'TCHA'))?.source).toBe('vendor-x');
  });
});
