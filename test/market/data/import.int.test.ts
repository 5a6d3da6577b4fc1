import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarketRepository, type Database, type MarketRepository } from '../../../src/db/index.js';
import { importCsvFile, loadDemoData } from '../../../src/market/data/index.js';
import { BACKENDS } from '../../helpers/databases.js';

const SHARED = join(process.cwd(), '..', 'shared', 'data', 'market', 'daily');
const hasShared = existsSync(SHARED);
if (!hasShared) console.info(`${SHARED} is absent: the real-data import tests are skipped.`);

describe.each(BACKENDS)('CSV import and demo data on $name', (backend) => {
  let database: Database;
  let market: MarketRepository;
  beforeAll(async () => {
    database = await backend.open();
    market = createMarketRepository(database.db);
  });
  afterAll(async () => database.close());

  it('when a file has bad rows, then they are skipped with line numbers, the rest imports, and a re-import adds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-import-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      [
        'date,open,high,low,close,volume,Name',
        '2020-01-02,10,11,9,10.5,1000,ZZZ',
        '2020-01-03,,,,10.7,1000,ZZZ',
        '2020-01-06,10,9,11,10,1000,ZZZ',
        'not-a-date,10,11,9,10,1000,ZZZ',
        '2020-01-07,10,11,9,10.2,-5,ZZZ',
        '2020-01-08,10.2,10.9,10.1,10.8,1200,ZZZ',
      ].join('\n'),
    );
    const first = await importCsvFile(market, file);
    expect(first.symbols).toEqual([{ symbol: 'ZZZ', parsed: 2, added: 2 }]);
    expect(first.skipped.map((s) => s.line)).toEqual([3, 4, 5, 6]);
    expect(first.skipped[1]?.reason).toContain('below low');
    expect(first.skipped[3]?.reason).toContain('negative volume');
    const again = await importCsvFile(market, file);
    expect(again.symbols[0]?.added).toBe(0);
    expect(await market.countBars('ZZZ')).toBe(2);
  });

  it('when a file has no header we understand, then it imports nothing and says which columns are missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-import-'));
    const file = join(dir, 'wrong.csv');
    writeFileSync(file, 'when,price\n2020-01-02,10\n');
    await expect(importCsvFile(market, file, { symbol: 'QQQ' })).rejects.toThrow(
      /no date, open, high, low, close, volume column/,
    );
    expect(await market.getTicker('QQQ')).toBeUndefined();
  });

  it('when the demo data is loaded twice, then the second load adds nothing', async () => {
    const first = await loadDemoData(market);
    expect(first.barsAdded).toBeGreaterThan(60_000);
    const second = await loadDemoData(market);
    expect(second.barsAdded).toBe(0);
    const spx = await market.getTicker('SPX');
    expect(spx).toMatchObject({ assetClass: 'index', isSynthetic: false });
    expect((await market.getTicker('TCHA'))?.isSynthetic).toBe(true);
  });

  it.skipIf(!hasShared)(
    'when the shared S&P 500 files are imported, then every valid row lands once',
    async () => {
      const files = readdirSync(SHARED)
        .filter((f) => f.endsWith('.csv'))
        .slice(0, 6);
      for (const f of files) {
        const report = await importCsvFile(market, join(SHARED, f));
        const [entry] = report.symbols;
        expect(entry?.symbol).toBe(f.replace('.csv', ''));
        expect((entry?.parsed ?? 0) + report.skipped.length).toBe(report.rows);
        expect(entry?.added).toBe(entry?.parsed);
        const again = await importCsvFile(market, join(SHARED, f));
        expect(again.symbols[0]?.added).toBe(0);
      }
    },
  );
});
