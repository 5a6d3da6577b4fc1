import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { findCommand } from '../../../src/bot/cli/commands/index.js';
import { createWatchedSymbolsRepository } from '../../../src/db/index.js';
import { createWatchedSymbols } from '../../../src/market/watched-symbols.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

const dir = mkdtempSync(join(tmpdir(), 'broker-import-'));
const fixture = (name: string) => {
  const path = join(dir, name);
  copyFileSync(fileURLToPath(new URL(`../../fixtures/broker/${name}`, import.meta.url)), path);
  return path;
};
const USER = 'cli:local:ibkr';

describe.each(BACKENDS)('buddy trades import of IBKR files on $name', (backend) => {
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

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo(), { DEMO_DATA: 'false' });
    await app.services.users.ensureUser({ userId: USER, platform: 'cli' });
  });
  afterAll(async () => app.close());

  it('when a Flex Query follows an evaluated idea, then its trades are imported, linked to the idea, and a re-import adds nothing', async () => {
    // The idea the trader checked an hour before the first AAPL fill (09:31 New York = 14:31 UTC).
    const idea = await app.services.evaluations.saveEvaluated(
      {
        userId: USER,
        symbol: 'AAPL',
        side: 'long',
        timeframe: '1d',
        proposedEntry: 175,
        proposedStop: 171,
        proposedTarget: 184,
        createdAt: new Date('2024-03-04T13:30:00Z'),
      },
      {
        userId: USER,
        symbol: 'AAPL',
        timeframe: '1d',
        evalTs: new Date('2024-03-04T13:30:00Z'),
        overallScore: 64,
        overallSeverity: 'info',
        modulesRun: [],
        summary: {},
        contextFacts: {},
        configVersion: 'test',
      },
      [],
    );
    const path = fixture('ibkr-flex-trades.xml');
    const first = await run(path, '--user', 'ibkr');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      `${path} (ibkr-flex): 6 rows, 4 fills added, 0 already imported, 2 trades opened (1 linked to an evaluated idea), 1 closed`,
    );
    expect(first.out).toContain('trade 5: trade 0000e0d5.65e6a001.01.01: asset category OPT is not tracked');
    const [aapl] = (await app.services.trading.tradeRows.recentClosed(USER, 10)).filter(
      (t) => t.symbol === 'AAPL',
    );
    expect(aapl).toMatchObject({
      side: 'long',
      qty: 150,
      linkedIntentId: idea.intentId,
      linkedEvalId: idea.evalId,
      plannedStop: 171,
      source: 'import',
    });
    expect(aapl?.pnl).toBeCloseTo(150 * 170.05 - (100 * 175.1 + 50 * 175.12) - 2.52, 6);
    const open = await app.services.trading.tradeRows.openTrades(USER);
    expect(open.map((t) => [t.symbol, t.side, t.openQty, t.linkedIntentId])).toEqual([
      ['TSLA', 'short', 20, null],
    ]);

    // The open TSLA short is watched; AAPL is closed and its idea older than 14 days.
    const watched = await createWatchedSymbols(createWatchedSymbolsRepository(app.database.db))();
    expect(watched).toContain('TSLA');
    expect(watched).not.toContain('AAPL');
    const fills = await app.services.trading.tradeRows.countFills(USER);
    const again = await run(path, '--user', 'ibkr');
    expect(again.out).toContain('0 fills added, 4 already imported, 0 trades opened');
    expect(await app.services.trading.tradeRows.countFills(USER)).toBe(fills);
  });

  it('when an activity statement is imported, then its stock orders become trades and a re-import adds nothing', async () => {
    const path = fixture('ibkr-activity-statement.csv');
    const first = await run(path, '--user', 'ibkr-csv');
    expect(first.out).toContain(
      `${path} (ibkr-activity): 5 rows, 3 fills added, 0 already imported, 2 trades opened`,
    );
    expect(first.out).toContain('line 16: AMD: T. Price "abc" must be a positive number');
    const again = await run(path, '--user', 'ibkr-csv');
    expect(again.out).toContain('0 fills added, 3 already imported');
  });

  it('when the file is not a broker file or the format is unknown, then nothing is written and the reason is given', async () => {
    const before = await app.services.trading.tradeRows.countFills(USER);
    const bad = join(dir, 'bad.xml');
    writeFileSync(bad, '<FlexQueryResponse><FlexStatements><FlexStatement>');
    expect(await run(bad, '--user', 'ibkr')).toMatchObject({
      code: 1,
      err: expect.stringContaining('not imported: not well-formed XML'),
    });
    expect(await run(bad, '--format', 'schwab')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--format "schwab" is not one of csv, ibkr-flex, ibkr-activity'),
    });
    expect(await app.services.trading.tradeRows.countFills(USER)).toBe(before);
  });
});
