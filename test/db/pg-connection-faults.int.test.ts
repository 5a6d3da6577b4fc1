import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Database } from '../../src/db/index.js';
import { buildTestApp, startTestServer } from '../helpers/app.js';
import { throwawayPostgres } from '../helpers/databases.js';

/**
 * The real app on the real Postgres server while an administrator terminates its backends
 * (pg_terminate_backend, SQLSTATE 57P01) under load. A client without an 'error' listener would
 * end this process (vitest reports the unhandled error and fails the run).
 */
const serverUrl = process.env.TEST_DATABASE_URL;

interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

describe.runIf(serverUrl)('Postgres backends terminated under load', () => {
  let app: App | undefined;
  let inspector: pg.Client;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: pg.Client;
  let dbName: string;

  beforeAll(async () => {
    const created = await throwawayPostgres(serverUrl as string, 'tb_fault', 1, { demo: true });
    // Closing the app closes its pool, then drops the database.
    const database: Database = { ...(created.databases[0] as Database), close: created.drop };
    app = await buildTestApp(database);
    server = await startTestServer(app);
    admin = new pg.Client({ connectionString: serverUrl });
    admin.on('error', () => undefined);
    await admin.connect();
    const pools = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'tb_fault_${process.pid}_%' order by oid desc limit 1`,
    );
    dbName = pools.rows[0]?.datname ?? '';
    const target = new URL(serverUrl as string);
    target.pathname = `/${dbName}`;
    inspector = new pg.Client({ connectionString: target.toString() });
    inspector.on('error', () => undefined);
  }, 120_000);

  afterAll(async () => {
    await server?.server.close();
    await app?.close();
    await admin?.end();
  }, 120_000);

  const post = async (path: string, body: unknown): Promise<Outcome> => {
    const response = await fetch(`${server.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const evaluate = (i: number) =>
    post('/api/evaluate', {
      userId: `http:api:fault-${i % 5}`,
      intent: { symbol: 'SPX', side: 'long', entry: 2870 + (i % 20), stop: 2860, targets: [2950] },
    });
  const message = (i: number) =>
    post('/api/messages', {
      user: `fault-chat-${i % 5}`,
      text: `long SPX ${2870 + (i % 20)} stop 2860 target 2950`,
    });

  const killBackends = async (): Promise<number> => {
    const result = await admin.query<{ killed: boolean }>(
      'select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [dbName],
    );
    return result.rows.filter((r) => r.killed).length;
  };

  const count = async (sql: string): Promise<number> => {
    const result = await inspector.query<{ n: string }>(sql);
    return Number(result.rows[0]?.n);
  };

  it('when the app’s backends are terminated repeatedly during concurrent evaluations and chat messages, then the process survives, each failure is a clean error reply, no partial rows are left and later requests succeed', async () => {
    expect(dbName).toMatch(/^tb_fault_/);
    const requests: Promise<Outcome>[] = [];
    for (let i = 0; i < 40; i++) requests.push(i % 2 === 0 ? evaluate(i) : message(i));
    let killed = 0;
    let settled = false;
    void Promise.allSettled(requests).then(() => {
      settled = true;
    });
    for (let round = 0; round < 40 && !settled; round++) {
      killed += await killBackends();
      await new Promise((resolve) => setTimeout(resolve, 75));
    }
    const outcomes = await Promise.all(requests);
    expect(killed).toBeGreaterThan(0);

    const failed = outcomes.filter((o) => o.status !== 200);
    for (const o of failed) {
      expect(o.status, JSON.stringify(o.body)).toBe(500);
      expect(o.body).toEqual({ error: 'internal', message: expect.stringMatching(/went wrong on our side/) });
    }
    for (const o of outcomes.filter((o) => o.status === 200)) expect(o.body.reply).toBeTruthy();
    // The terminations must have hit requests in flight, or this test proves nothing.
    expect(failed.length).toBeGreaterThan(0);

    // Later requests succeed on fresh connections.
    for (let i = 100; i < 104; i++) {
      expect((await evaluate(i)).status).toBe(200);
      expect((await message(i)).status).toBe(200);
    }

    // Connected after the faults, so the terminations above never reached it.
    await inspector.connect();
    // All or nothing: no intent without its evaluation, no evaluation missing the items it shows,
    // no stored reply whose session state was not saved with it.
    expect(
      await count(`select count(*) as n from trade_intents i
        where not exists (select 1 from trade_evaluations e where e.intent_id = i.intent_id)`),
    ).toBe(0);
    expect(
      await count(`select count(*) as n from trade_evaluations e
        where jsonb_array_length(e.summary->'shown') <>
          (select count(*) from trade_evaluation_items t where t.eval_id = e.eval_id and t.shown)`),
    ).toBe(0);
    expect(
      await count(`select count(*) as n from assistant_sessions s
        where s.last_active_at < (select max(m.ts) from assistant_messages m
          where m.session_id = s.session_id and m.role = 'assistant')`),
    ).toBe(0);
    expect(await count('select count(*) as n from trade_evaluations')).toBeGreaterThan(0);
    await inspector.end();

    // Every connection went back to the pool: closing waits for checked-out clients, so a
    // leaked one would hang here until the test times out.
    await server.server.close();
    const closing = app;
    app = undefined;
    await closing?.close();
  }, 300_000);
});
