import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { findCommand } from '../../src/bot/cli/commands/index.js';
import {
  createAccountRepository,
  createAuditRepository,
  NOT_PERSONAL,
  PERSONAL_TABLES,
} from '../../src/db/index.js';
import * as schema from '../../src/db/schema/index.js';
import { createLlmRetentionJob } from '../../src/jobs/index.js';
import { buildTestApp, startTestServer } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';

async function runCli(app: App, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const found = findCommand(argv);
  if (!found) throw new Error(`no command ${argv.join(' ')}`);
  let out = '';
  let err = '';
  const code = await found.command.run(app, found.args, {
    out: (t) => {
      out += `${t}\n`;
    },
    err: (t) => {
      err += `${t}\n`;
    },
  });
  return { code, out, err };
}

/** A GET with a Host header of our choosing (fetch does not let one set Host). */
function getWithHost(base: string, path: string, host: string): Promise<number> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname: url.hostname, port: url.port, path: url.pathname, headers: { host } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('every table is classified for export and delete', () => {
  it('when the schema has a table, then it is either personal (exported, deleted) or named as not personal', () => {
    const all = (Object.values(schema) as unknown[]).filter(
      (v): v is PgTable => typeof v === 'object' && v !== null && Symbol.for('drizzle:IsDrizzleTable') in v,
    );
    const tables = all.map((t) => getTableName(t));
    const personal = PERSONAL_TABLES.map((p) => getTableName(p.table));
    expect(new Set([...personal, ...NOT_PERSONAL])).toEqual(new Set(tables));
    expect(personal.filter((t) => NOT_PERSONAL.includes(t))).toEqual([]);
    // A table with a user_id column is personal, whatever else it holds.
    const withUser = all
      .filter((t) => getTableConfig(t).columns.some((c) => c.name === 'user_id'))
      .map((t) => getTableName(t));
    expect(withUser.filter((t) => !personal.includes(t))).toEqual([]);
  });
});

describe.each(BACKENDS)('accounts, sessions and data rights on $name', (backend) => {
  let app: App;
  let base: string;
  let close: () => Promise<void>;
  const chartDir = mkdtempSync(join(tmpdir(), 'tb-rights-'));

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo(), {
      CHART_DIR: chartDir,
      RATE_LIMIT_PER_MINUTE: '1000',
    });
    const started = await startTestServer(app);
    base = started.base;
    close = async () => {
      await started.server.close();
      await app.close();
      rmSync(chartDir, { recursive: true, force: true });
    };
  }, 120_000);
  afterAll(() => close());

  const call = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, init);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('when no token exists, then callers on this machine act as the local user, but not through a foreign Host; the first token ends that', async () => {
    const me = await call('/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      userId: app.services.access.localUserId,
      role: 'admin',
      via: 'local',
    });
    // DNS rebinding: a page on another site reaching 127.0.0.1 carries that site's Host.
    expect(await getWithHost(base, '/api/me', 'evil.example:80')).toBe(401);
    expect(await getWithHost(base, '/api/me', `127.0.0.1:${new URL(base).port}`)).toBe(200);

    const cli = await runCli(app, ['token', 'create', '--user', 'cli:local:ann', '--name', 'laptop']);
    expect(cli.code).toBe(0);
    const token = /\b(tb_[A-Za-z0-9_-]{43})\b/.exec(cli.out)?.[1] ?? '';
    expect(token).not.toBe('');
    const after = await call('/api/me');
    expect(after.status).toBe(401);
    expect(after.headers.get('www-authenticate')).toContain('Bearer');
    const ann = await call('/api/me', { headers: bearer(token) });
    expect(await ann.json()).toMatchObject({ userId: 'cli:local:ann', via: 'token', role: 'member' });
  });

  it('when tokens are listed, created and revoked over the API, then the secret is shown once and a revoked token stops working', async () => {
    const { token } = await app.services.accounts.createToken({ userId: 'slack:T1:tina', name: 'first' });
    const created = await call('/api/tokens', {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ci', expiresInDays: 30 }),
    });
    expect(created.status).toBe(200);
    const body = (await created.json()) as { token: string; prefix: string };
    expect(created.headers.get('cache-control')).toBe('no-store');
    const listed = await (await call('/api/tokens', { headers: bearer(token) })).text();
    expect(listed).toContain(body.prefix);
    expect(listed).not.toContain(body.token);
    expect(listed).not.toContain(token);
    const revoked = await call(`/api/tokens/${body.prefix}`, { method: 'DELETE', headers: bearer(token) });
    expect(revoked.status).toBe(200);
    expect((await call('/api/me', { headers: bearer(body.token) })).status).toBe(401);
    expect((await call('/api/me', { headers: bearer(token) })).status).toBe(200);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x', expiresInDays: 0 }, 'expiresInDays'],
    [{ name: 'x', expiresInDays: 1.5 }, 'expiresInDays'],
    [{ name: 'x', extra: true }, '(body)'],
  ])('when a token is asked for with %j, then 400 names %s and no token is made', async (payload, field) => {
    const { token } = await app.services.accounts.createToken({ userId: 'slack:T1:uma', name: 'first' });
    const before = (await app.services.accounts.listTokens('slack:T1:uma')).length;
    const res = await call('/api/tokens', {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain(field);
    expect((await app.services.accounts.listTokens('slack:T1:uma')).length).toBe(before);
  });

  it('when a token has expired, then it is refused', async () => {
    const { token, row } = await app.services.accounts.createToken({ userId: 'slack:T1:old', name: 'old' });
    await app.database.db.execute(
      sql`update api_tokens set expires_at = now() - interval '1 minute' where token_id = ${row.tokenId}`,
    );
    expect((await call('/api/me', { headers: bearer(token) })).status).toBe(401);
  });

  it('when a browser signs in, then the httpOnly same-site cookie reads but cannot change anything, and signing out ends it', async () => {
    const { token } = await app.services.accounts.createToken({ userId: 'slack:T1:web', name: 'web' });
    const signIn = await call('/api/sessions', { method: 'POST', headers: bearer(token) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tb_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\//);
    const session = cookie.split(';')[0] ?? '';
    const me = await call('/api/me', { headers: { cookie: session } });
    expect(await me.json()).toMatchObject({ userId: 'slack:T1:web', via: 'session' });
    const write = await call('/api/messages', {
      method: 'POST',
      headers: { cookie: session, 'content-type': 'application/json' },
      body: JSON.stringify({ text: '/journal add from a forged form' }),
    });
    expect(write.status).toBe(403);
    const mint = await call('/api/sessions', { method: 'POST', headers: { cookie: session } });
    expect(mint.status).toBe(403);
    expect((await call('/api/sessions', { method: 'DELETE', headers: { cookie: session } })).status).toBe(
      200,
    );
    expect((await call('/api/me', { headers: { cookie: session } })).status).toBe(401);
  });

  it('when a user is exported, then every table of theirs is in it; when deleted, nothing of theirs is left and others are untouched', async () => {
    const user = 'slack:T1:gone';
    const other = 'slack:T1:stays';
    const handle = (u: string, text: string) =>
      app.conversation.handle({
        platform: 'slack',
        workspace: 'T1',
        channel: 'D1',
        thread: '',
        user: u.split(':')[2] ?? u,
        text,
      });
    for (const u of [user, other]) {
      const report = await handle(u, 'long TCHA 600 stop 570 target 680');
      // Slack answers before the chart is drawn: wait for it, so it is among the rows.
      await app.services.evaluation.chartSettled(report.refs?.evaluationId ?? '');
      await handle(u, '/trade open TCHA long 10 @ 600 stop 570 target 680');
      await handle(u, '/trade close TCHA @ 640');
      await handle(u, '/journal add a note of mine');
    }
    await app.services.accounts.createToken({ userId: user, name: 'to-delete' });

    const exported = await runCli(app, ['user', 'export', user]);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.out) as { tables: Record<string, unknown[]> };
    for (const table of [
      'user_accounts',
      'assistant_sessions',
      'assistant_messages',
      'trade_intents',
      'trade_evaluations',
      'trade_evaluation_items',
      'charts',
      'trades',
      'trade_fills',
      'trade_journal',
      'ai_journal',
      'api_tokens',
    ]) {
      expect(data.tables[table]?.length ?? 0, table).toBeGreaterThan(0);
    }
    expect(JSON.stringify(data)).not.toContain(other);
    const chartFiles = (data.tables.charts as { imageKey: string }[]).map((c) => join(chartDir, c.imageKey));
    expect(chartFiles.every((f) => existsSync(f))).toBe(true);

    const refused = await runCli(app, ['user', 'delete', user]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--yes');
    expect((await runCli(app, ['user', 'export', user])).code).toBe(0);

    const deleted = await runCli(app, ['user', 'delete', user, '--yes']);
    expect(deleted.code).toBe(0);
    expect(deleted.out).toMatch(/trade_evaluations: \d+/);
    expect(chartFiles.some((f) => existsSync(f))).toBe(false);
    const again = await runCli(app, ['user', 'export', user]);
    expect(again.code).toBe(1);
    expect(again.err).toContain(`No user ${user}`);
    for (const { table } of PERSONAL_TABLES) {
      const rows = await app.database.db.execute(
        sql`select count(*)::int as n from ${table} where ${sql.raw(getTableConfig(table).columns.some((c) => c.name === 'user_id') ? 'user_id' : "'-'")} = ${user}`,
      );
      expect((rows as unknown as { rows: { n: number }[] }).rows[0]?.n, getTableName(table)).toBe(0);
    }
    const kept = JSON.parse((await runCli(app, ['user', 'export', other])).out) as {
      tables: Record<string, unknown[]>;
    };
    expect(kept.tables.trades?.length).toBe(1);
    expect(kept.tables.trade_journal?.length).toBeGreaterThan(0);
  });

  it('when raw LLM text is older than the retention, then it is blanked and the rest of the record stays', async () => {
    const audit = createAuditRepository(app.database.db);
    const call = (requestId: string) =>
      audit.insertLlmCall({
        provider: 'anthropic',
        model: 'm',
        purpose: 'agent',
        userId: 'slack:T1:llm',
        requestId,
        systemPrompt: 'system words',
        userPrompt: 'user words',
        rawResponse: 'raw words',
        latencyMs: 10,
        attempt: 1,
        promptHash: 'h',
        inputTokens: 12,
      });
    const old = await call('old');
    const fresh = await call('fresh');
    await app.database.db.execute(
      sql`update llm_calls set created_at = now() - interval '91 days' where llm_call_id = ${old.id}`,
    );
    const keepAll = createLlmRetentionJob({ audit, retentionDays: 0 });
    expect(await keepAll.tick()).toBe(0);
    const job = createLlmRetentionJob({ audit, retentionDays: 90 });
    expect(await job.tick()).toBe(1);
    expect(await job.tick()).toBe(0);
    expect(await audit.getLlmCall(old.id)).toMatchObject({
      userPrompt: '',
      rawResponse: '',
      inputTokens: 12,
      promptHash: 'h',
    });
    expect((await audit.getLlmCall(old.id))?.rawPurgedAt).toBeInstanceOf(Date);
    expect(await audit.getLlmCall(fresh.id)).toMatchObject({ userPrompt: 'user words', rawPurgedAt: null });
  });

  it('when the CLI is given bad arguments, then it says what is accepted and changes nothing', async () => {
    const before = await createAccountRepository(app.database.db).anyLiveToken(new Date());
    for (const argv of [
      ['token', 'create'],
      ['token', 'create', '--user', 'alice'],
      ['token', 'create', '--user', 'cli:local:zed', '--role', 'king'],
      ['token', 'create', '--user', 'cli:local:zed', '--bogus'],
      ['user', 'role', 'cli:local:zed', 'king'],
      ['user', 'share', 'cli:local:zed'],
    ]) {
      const res = await runCli(app, argv);
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.err, argv.join(' ')).toContain('Usage:');
    }
    expect((await runCli(app, ['user', 'role', 'cli:local:nobody', 'lead'])).err).toContain(
      'No user cli:local:nobody',
    );
    expect(await app.services.accounts.owner('cli:local:zed')).toBeUndefined();
    expect(await createAccountRepository(app.database.db).anyLiveToken(new Date())).toBe(before);
  });

  it('when the export is written to a file, then the file is private to its owner', async () => {
    await app.services.accounts.createToken({ userId: 'slack:T1:file', name: 'x' });
    const out = join(chartDir, 'export.json');
    const res = await runCli(app, ['user', 'export', 'slack:T1:file', '--out', out]);
    expect(res.out).toMatch(/Wrote \d+ rows of slack:T1:file/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ userId: 'slack:T1:file' });
  });
});

describe('rate limits', () => {
  let app: App;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    app = await buildTestApp(
      await (BACKENDS[0] ?? { openDemo: () => Promise.reject(new Error('no backend')) }).openDemo(),
      {
        RATE_LIMIT_PER_MINUTE: '3',
      },
    );
    const started = await startTestServer(app);
    base = started.base;
    close = async () => {
      await started.server.close();
      await app.close();
    };
  }, 120_000);
  afterAll(() => close());

  it('when a caller goes over the per-minute budget, then the API answers 429 with Retry-After and another caller is not affected', async () => {
    const a = (await app.services.accounts.createToken({ userId: 'slack:T1:fast', name: 'x' })).token;
    const b = (await app.services.accounts.createToken({ userId: 'slack:T1:calm', name: 'x' })).token;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${a}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${a}` } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { message: string }).message).toContain('3 a minute');
    expect((await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${b}` } })).status).toBe(200);
  });

  it('when a chat user goes over the budget, then the reply says so and the message is not stored', async () => {
    const say = () =>
      app.conversation.handle({
        platform: 'discord',
        workspace: 'G1',
        channel: 'C1',
        thread: '',
        user: 'spam',
        text: 'help',
      });
    for (let i = 0; i < 3; i++) expect((await say()).title).not.toBe('One moment');
    const fourth = await say();
    expect(fourth.title).toBe('One moment');
    expect([fourth.text ?? '', ...fourth.sections.map((s) => s.text)].join(' ')).toContain(
      '3 messages in the last minute',
    );
    const rows = await app.database.db.execute(
      sql`select count(*)::int as n from assistant_messages m join assistant_sessions s using (session_id) where s.user_id = 'discord:G1:spam' and m.role = 'user'`,
    );
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(3);
  });
});
