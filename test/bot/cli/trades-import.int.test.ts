import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { findCommand } from '../../../src/bot/cli/commands/index.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

const dir = mkdtempSync(join(tmpdir(), 'trades-import-'));
const HEADER = 'Date,Time,Symbol,Side,Qty,Price,Commission,Tag';
const GOOD = [
  '2024-03-04,09:31,AAPL,BUY,100,185.00,1.00,breakout',
  '2024-03-04,10:15,AAPL,BUY,50,182.00,0.50,breakout',
  '2024-03-05,11:00,AAPL,SELL,80,190.00,0.80,',
  '2024-03-05,15:30,AAPL,SELL,70,192.00,0.70,',
  '2024-03-04,09:40,MSFT,SELL,50,410.00,0,fade',
  '2024-03-04,14:00,MSFT,BUY,50,404.00,0,',
  '2024-03-06,09:35,SPY,BUY,10,510.00,0,',
  '2024-03-06,10:00,SPY,SELL,30,512.00,0.30,',
  '2024-03-06,12:00,SPY,BUY,20,509.00,0,',
];
const BAD = [
  '2024-03-06,12:05,SPY,HOLD,5,509,0,',
  '2024-13-01,09:00,AAPL,BUY,5,100,0,',
  '2024-03-06,12:10,SPY,BUY,-5,509,0,',
  '2024-03-06,12:15,,BUY,5,509,0,',
];

function file(name: string, rows: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
}

describe.each(BACKENDS)('buddy trades import on $name', (backend) => {
  let app: App;
  const run = async (...argv: string[]) => {
    const found = findCommand(['trades', 'import', ...argv]);
    if (!found) throw new Error('trades import is not registered');
    const out: string[] = [];
    const err: string[] = [];
    const code = await found.command.run(app, found.args, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const trades = () => app.services.trading.tradeRows.recentClosed('cli:local:ann', 50);

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo(), { DEMO_DATA: 'false' });
  });
  afterAll(async () => app.close());

  it('when a file mixes good and bad rows, then good fills become trades and bad rows are listed by line', async () => {
    const path = file('fills.csv', [...GOOD, ...BAD]);
    const result = await run(path, '--user', 'ann', '--tz', 'America/New_York');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      `${path} (csv): 13 rows, 9 fills added, 0 already imported, 4 trades opened (0 linked to an evaluated idea), 4 closed`,
    );
    expect(result.out).toContain('line 11: side "HOLD" is not buy or sell');
    expect(result.out).toContain('line 12: unparsable date/time "2024-13-01 09:00"');
    expect(result.out).toContain('line 13: quantity "-5" must be a positive number');
    expect(result.out).toContain('line 14: invalid symbol ""');
    const closed = await trades();
    const bySymbol = (symbol: string) => closed.filter((t) => t.symbol === symbol);
    const [aapl] = bySymbol('AAPL');
    expect(aapl).toMatchObject({ side: 'long', qty: 150, source: 'import', tags: ['breakout'], fees: 3 });
    expect(aapl?.pnl).toBeCloseTo(80 * 6 + 70 * 8 - 3, 9);
    expect(aapl?.openTs.toISOString()).toBe('2024-03-04T14:31:00.000Z');
    expect(bySymbol('MSFT')[0]).toMatchObject({ side: 'short', pnl: 300 });
    // 30 sold against 10 held: the long closes and a 20-share short opens, then closes.
    const spy = bySymbol('SPY').sort((a, b) => a.openTs.getTime() - b.openTs.getTime());
    expect(spy.map((t) => [t.side, t.qty])).toEqual([
      ['long', 10],
      ['short', 20],
    ]);
    expect(spy[0]?.pnl).toBeCloseTo(20 - 0.1, 9);
    expect(spy[1]?.pnl).toBeCloseTo(60 - 0.2, 9);
  });

  it('when the same file is imported again, then nothing is added', async () => {
    const before = await app.services.trading.tradeRows.countFills('cli:local:ann');
    const result = await run(join(dir, 'fills.csv'), '--user', 'ann', '--tz', 'America/New_York');
    expect(result.out).toContain('0 fills added');
    expect(result.out).toContain(
      '9 already imported, 0 trades opened (0 linked to an evaluated idea), 0 closed',
    );
    expect(await app.services.trading.tradeRows.countFills('cli:local:ann')).toBe(before);
    expect((await trades()).length).toBe(4);
  });

  it('when a later export repeats old rows and adds new ones, then only the new fills are added', async () => {
    const later = file('later.csv', [
      ...GOOD,
      '2024-03-07,09:31,AAPL,BUY,40,188.00,0,',
      '2024-03-07,09:00,AAPL,SELL,10,187.00,0,',
      '2024-03-07,15:00,AAPL,SELL,30,191.00,0,',
    ]);
    const result = await run(later, '--user', 'ann', '--tz', 'America/New_York');
    // Sorted by time, the 09:00 sell comes first: with nothing open it opens a short that the 09:31 buy flips.
    expect(result.out).toContain('12 rows, 3 fills added, 9 already imported');
    const open = await app.services.trading.tradeRows.openTrades('cli:local:ann');
    expect(open.map((t) => [t.symbol, t.side, t.openQty])).toEqual([]);
    expect(
      (await trades())
        .filter((t) => t.openTs >= new Date('2024-03-07T00:00:00Z'))
        .map((t) => [t.side, t.qty])
        .sort(),
    ).toEqual([
      ['long', 30],
      ['short', 10],
    ]);
  });

  it('when a fill is older than the open trade it would join, then it is refused with its line and the rest import', async () => {
    const path = file('late.csv', [
      '2024-03-08,10:00,NVDA,BUY,10,900,0,',
      '2024-03-08,11:00,NVDA,BUY,10,905,0,',
    ]);
    await run(path, '--user', 'bob');
    const older = file('older.csv', [
      '2024-03-08,10:30,NVDA,SELL,5,901,0,',
      '2024-03-08,12:00,NVDA,SELL,5,910,0,',
    ]);
    const result = await run(older, '--user', 'bob');
    expect(result.out).toContain(
      "line 2: NVDA fill at 2024-03-08T10:30:00.000Z is earlier than the open trade's last fill (2024-03-08T11:00:00.000Z)",
    );
    expect(result.out).toContain('1 fills added');
  });

  it('when the time zone or the file is wrong, then the command fails with the reason', async () => {
    expect(await run(join(dir, 'fills.csv'), '--tz', 'Mars/Olympus')).toMatchObject({
      code: 2,
      err: expect.stringContaining('not an IANA time zone'),
    });
    expect(await run(join(dir, 'missing.csv'))).toMatchObject({
      code: 1,
      err: expect.stringContaining('not imported'),
    });
    writeFileSync(join(dir, 'noprice.csv'), 'date,symbol,side,qty\n2024-03-08,AAPL,buy,1\n');
    expect(await run(join(dir, 'noprice.csv'))).toMatchObject({
      code: 1,
      err: expect.stringContaining('no price column'),
    });
  });
});
