import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index.js';
import { openPglite } from '../helpers/databases.js';

/**
 * Real processes on one PGlite data directory: `npm start` (src/main.ts) and `buddy`
 * (src/cli.ts), each a child node process running the sources through tsx.
 */
interface Proc {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exit(): Promise<number | null>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];

function run(entry: 'src/main.ts' | 'src/cli.ts', dataDir: string, args: string[] = [], env = {}): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: process.cwd(),
    // Only what the process needs: no tokens or DATABASE_URL from the test's own environment.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      CLI_ENABLED: 'false',
      DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    output: () => text,
    async waitFor(pattern, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(text);
        if (match) return match[0];
        if (child.exitCode !== null || Date.now() > deadline)
          throw new Error(`no ${pattern} in the output (exit ${child.exitCode}):\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    exit: () => exited,
  };
}

async function startServer(dataDir: string): Promise<Proc & { url: string }> {
  const server = run('src/main.ts', dataDir);
  const line = await server.waitFor(/HTTP API on http:\/\/[\d.:]+/);
  return { ...server, url: line.replace('HTTP API on ', '') };
}

/** A data directory seeded from the run's migrated PGlite image, so the server skips initdb. */
async function tempDataDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tb-lock-'));
  dirs.push(dir);
  await (await openPglite({ dir: join(dir, 'pglite') })).close();
  return dir;
}

function writeCsv(dir: string, rows: number): string {
  const file = join(dir, 'lockt.csv');
  const lines = ['date,open,high,low,close,volume'];
  for (let i = 0; i < rows; i++) {
    const day = `2024-01-${String(i + 2).padStart(2, '0')}`;
    lines.push(`${day},${100 + i},${102 + i},${99 + i},${101 + i},${1000 + i}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function countRows(dataDir: string, query: ReturnType<typeof sql>): Promise<number> {
  const database = await openDatabase({ kind: 'pglite', dir: join(dataDir, 'pglite') });
  try {
    const result = (await database.db.execute(query)) as unknown as { rows: { n: number | string }[] };
    return Number(result.rows[0]?.n);
  } finally {
    await database.close();
  }
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the PGlite data directory lock', () => {
  it('when a server holds the data directory, then a second server refuses at once naming its pid, and a buddy command gives up after its wait', async () => {
    const dataDir = await tempDataDir();
    const first = await startServer(dataDir);

    const second = run('src/main.ts', dataDir);
    expect(await second.exit()).toBe(1);
    expect(second.output()).toContain(`in use by pid ${first.child.pid} (the running server)`);
    expect(second.output()).toMatch(/stop that process first, or set DATABASE_URL/);
    expect(second.output()).not.toContain('HTTP API on');

    const cli = run('src/cli.ts', dataDir, ['kb', 'stats'], { DATA_DIR_LOCK_WAIT_SECONDS: '1' });
    expect(await cli.exit()).toBe(1);
    expect(cli.output()).toContain(
      `Waiting for the data directory lock held by pid ${first.child.pid} (the running server)`,
    );
    expect(cli.output()).toMatch(/in use by pid \d+ \(the running server\) after waiting 1 s/);

    // The first server was never disturbed.
    const health = await fetch(`${first.url}/api/health`);
    expect(health.status).toBe(200);
  }, 180_000);

  it('when `buddy data import` starts beside the running server, then it waits, saying so, and imports every row once the server stops', async () => {
    const dataDir = await tempDataDir();
    const csv = writeCsv(dataDir, 5);
    const server = await startServer(dataDir);
    const answered = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'lock-tester', text: 'help' }),
    });
    expect(answered.status).toBe(200);

    const cli = run('src/cli.ts', dataDir, ['data', 'import', csv, '--symbol', 'LOCKT']);
    await cli.waitFor(/Waiting for the data directory lock held by pid \d+ \(the running server\)/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(cli.child.exitCode).toBeNull();

    server.child.kill('SIGTERM');
    expect(await server.exit()).toBe(0);
    expect(await cli.exit()).toBe(0);
    expect(cli.output()).toContain('LOCKT 1d: 5 bars read, 5 new');

    expect(await countRows(dataDir, sql`select count(*) as n from bars where symbol = 'LOCKT'`)).toBe(5);
    expect(
      await countRows(dataDir, sql`select count(*) as n from assistant_messages`),
    ).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('when the holder was killed with SIGKILL, then the next process reclaims the lock and finds the rows it wrote', async () => {
    const dataDir = await tempDataDir();
    const server = await startServer(dataDir);
    const answered = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'killed-holder', text: 'help' }),
    });
    expect(answered.status).toBe(200);
    const owner = JSON.parse(readFileSync(join(dataDir, 'pglite.owner.json'), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(server.child.pid);

    server.child.kill('SIGKILL');
    await server.exit();

    const next = await startServer(dataDir);
    expect((await fetch(`${next.url}/api/health`)).status).toBe(200);
    next.child.kill('SIGTERM');
    expect(await next.exit()).toBe(0);
    expect(
      await countRows(
        dataDir,
        sql`select count(*) as n from assistant_messages m join assistant_sessions s on s.session_id = m.session_id where s.user_id like '%killed-holder'`,
      ),
    ).toBe(2);
  }, 180_000);
});
