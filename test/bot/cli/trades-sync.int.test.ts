import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { findCommand } from '../../../src/bot/cli/commands/index.js';
import { ALPACA_SYNC_JOB, scheduleProviderFetch } from '../../../src/jobs/index.js';
import { alpacaOutcome, createAlpacaSync } from '../../../src/trading/index.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';
import {
  startFakeAlpacaTrading,
  type FakeAlpacaTrading,
} from '../../helpers/providers/alpaca-trading-server.js';

const KEY = { keyId: 'PKTESTKEYID0000000001', secretKey: 'sEcReT-alpaca-0123456789abcdef' };
const USER = 'cli:local:alpaca';
const START = Date.parse('2024-05-06T13:35:00Z');

/** 52 round trips in MSFT (buy 10, sell 10 an hour later), then one the SDK cannot read as a fill. */
function activities(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < 52; i++) {
    for (const [k, side] of [
      [0, 'buy'],
      [1, 'sell'],
    ] as const) {
      const ts = START + i * 86_400_000 + k * 3_600_000;
      out.push({
        id: `${new Date(ts).toISOString().replace(/\D/g, '').slice(0, 17)}::${i}-${k}`,
        activity_type: 'FILL',
        transaction_time: new Date(ts).toISOString(),
        type: 'fill',
        price: String(410 + k * 2),
        qty: '10',
        side,
        symbol: 'MSFT',
        leaves_qty: '0',
        order_id: `order-${i}-${k}`,
        cum_qty: '10',
        order_status: 'filled',
      });
    }
  }
  out.push({
    id: '20250101000000000::bad',
    activity_type: 'FILL',
    transaction_time: '2025-01-01T15:00:00Z',
    type: 'fill',
    price: '-1',
    qty: '5',
    side: 'buy',
    symbol: 'MSFT',
  });
  return out;
}

describe.each(BACKENDS)('buddy trades sync alpaca on $name', (backend) => {
  let app: App;
  let alpaca: FakeAlpacaTrading;
  const run = async (target: App, ...argv: string[]) => {
    const found = findCommand(['trades', 'sync', ...argv]);
    if (!found) throw new Error('trades sync is not registered');
    const out: string[] = [];
    const err: string[] = [];
    const code = await found.command.run(target, found.args, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    alpaca = await startFakeAlpacaTrading(KEY);
    alpaca.activities = activities();
    app = await buildTestApp(await backend.openDemo(), {
      DEMO_DATA: 'false',
      ALPACA_API_KEY_ID: KEY.keyId,
      ALPACA_API_SECRET_KEY: KEY.secretKey,
      ALPACA_TRADING_URL: alpaca.url,
    });
    await app.services.users.ensureUser({ userId: USER, platform: 'cli' });
  });
  afterAll(async () => {
    await app.close();
    await alpaca.close();
  });

  it('when Alpaca answers 429 then 500 before paging through the fills, then every fill is imported and the first trade is linked to its idea', async () => {
    const idea = await app.services.evaluations.saveEvaluated(
      {
        userId: USER,
        symbol: 'MSFT',
        side: 'long',
        timeframe: '1d',
        proposedEntry: 410,
        proposedStop: 402,
        createdAt: new Date(START - 3_600_000),
      },
      {
        userId: USER,
        symbol: 'MSFT',
        timeframe: '1d',
        evalTs: new Date(START - 3_600_000),
        overallScore: 70,
        overallSeverity: 'info',
        modulesRun: [],
        summary: {},
        contextFacts: {},
        configVersion: 'test',
      },
      [],
    );
    alpaca.calls.length = 0;
    alpaca.failNext([429, 500], 0);
    const result = await run(app, 'alpaca', '--user', 'alpaca');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      'alpaca (account): 105 rows, 104 fills added, 0 already imported, 52 trades opened (1 linked to an evaluated idea), 52 closed',
    );
    expect(result.out).toContain('activity 105: activity 20250101000000000::bad: price');
    // Two refused answers retried by the SDK, then two pages: 100 and the short last one.
    expect(alpaca.calls.map((c) => c.status)).toEqual([429, 500, 200, 200]);
    expect(alpaca.calls[3]?.query.get('page_token')).toBe(alpaca.activities[99]?.['id']);
    expect(alpaca.calls[2]?.query.get('direction')).toBe('asc');
    const closed = await app.services.trading.tradeRows.recentClosed(USER, 100);
    expect(closed).toHaveLength(52);
    const first = closed.find((t) => t.openTs.getTime() === START);
    expect(first).toMatchObject({ linkedIntentId: idea.intentId, plannedStop: 402, pnl: 20 });

    const again = await run(app, 'alpaca', '--user', 'alpaca');
    expect(again.out).toContain('0 fills added, 104 already imported, 0 trades opened');
  });

  it('when Alpaca keeps answering 429, or refuses the key, then nothing is written and the reply names neither key', async () => {
    const before = await app.services.trading.tradeRows.countFills('cli:local:other');
    alpaca.failNext([429, 429, 429], 0);
    const limited = await run(app, 'alpaca', '--user', 'other');
    expect(limited).toMatchObject({ code: 1, err: expect.stringContaining('rate-limiting this key (429)') });

    const wrong = await buildTestApp(await backend.openDemo(), {
      DEMO_DATA: 'false',
      ALPACA_API_KEY_ID: KEY.keyId,
      ALPACA_API_SECRET_KEY: 'wrong-secret-value-42',
      ALPACA_TRADING_URL: alpaca.url,
    });
    try {
      const refused = await run(wrong, 'alpaca', '--user', 'other');
      expect(refused).toMatchObject({
        code: 1,
        err: expect.stringContaining('Alpaca refused the API key (401/403)'),
      });
      for (const text of [limited.out, limited.err, refused.out, refused.err]) {
        expect(text).not.toContain(KEY.keyId);
        expect(text).not.toContain(KEY.secretKey);
        expect(text).not.toContain('wrong-secret-value-42');
      }
    } finally {
      await wrong.close();
    }
    expect(await app.services.trading.tradeRows.countFills('cli:local:other')).toBe(before);
  });

  it('when Alpaca is not configured or the arguments are wrong, then the command says what is needed', async () => {
    const offline = await buildTestApp(await backend.openDemo(), { DEMO_DATA: 'false' });
    try {
      expect(await run(offline, 'alpaca')).toMatchObject({
        code: 2,
        err: expect.stringContaining(
          'Alpaca is not configured: set ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY',
        ),
      });
    } finally {
      await offline.close();
    }
    expect(await run(app, 'schwab')).toMatchObject({
      code: 2,
      err: expect.stringContaining('alpaca is the one supported'),
    });
    expect(await run(app, 'alpaca', '--since', '2024-13-45')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--since "2024-13-45" is not a YYYY-MM-DD date'),
    });
  });

  it('when the scheduled sync ticks in two processes, then one syncs the account into the configured trader and records it', async () => {
    const user = 'cli:local:scheduled';
    await app.services.users.ensureUser({ userId: user, platform: 'cli' });
    const settings = app.config.providers.alpaca;
    if (!settings) throw new Error('alpaca settings missing');
    const sync = createAlpacaSync({ settings, importFills: app.services.trading.importFills });
    const clock = () => new Date('2026-01-05T10:20:00Z');
    const job = (instanceId: string) =>
      scheduleProviderFetch({
        job: ALPACA_SYNC_JOB,
        jobs: app.services.trading.jobs,
        run: () => sync(user),
        outcome: alpacaOutcome,
        everyMinutes: 15,
        clock,
        instanceId,
      });
    const [a, b] = await Promise.all([job('a').tick(), job('b').tick()]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((a ?? b)?.result.added).toBe(104);
    const [run] = await app.services.trading.jobs.runsOf(ALPACA_SYNC_JOB);
    expect(run).toMatchObject({ status: 'done', runKey: '2026-01-05T10:15:00.000Z' });
    expect(run?.result).toMatchObject({ rows: 105, added: 104, duplicates: 0, opened: 52, skipped: 1 });
    expect(JSON.stringify(run)).not.toContain(KEY.secretKey);
  });
});
