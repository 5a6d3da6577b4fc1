import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { LOST_ANSWER } from '../../../src/bot/conversation/index.js';
import type { Database } from '../../../src/db/index.js';
import { answerJobs, assistantMessages } from '../../../src/db/schema/index.js';
import { POSTGRES_URL, throwawayPostgres } from '../../helpers/databases.js';

const BURST = 40;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Sends a signal to the service's whole process group (tsx and the node process it starts). */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, name);
    } catch {
      // already gone
    }
  }
}

/** `npm start` as a real child process serving HTTP on the given database. */
function startService(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn('node_modules/.bin/tsx', ['src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // tsx runs the service in a child node process: a process group lets one signal reach both.
    detached: true,
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function waitForHealth(base: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode}): ${output()}`);
    const ok = await fetch(`${base}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`service did not come up: ${output()}`);
}

interface Sent {
  deliveryId: string;
  body: Record<string, unknown>;
}

/** The burst: trade ideas (run again after a crash), help, and journal notes (failed explicitly after a crash). */
function burst(): Sent[] {
  return Array.from({ length: BURST }, (_, i) => {
    const deliveryId = `crash-${i}`;
    const user = `trader${i % 8}`;
    const body =
      i % 4 === 3
        ? { user, command: 'journal', text: `add note ${i}: wait for the close`, deliveryId }
        : i % 4 === 2
          ? { user, text: 'help', deliveryId }
          : { user, text: `long TCHA ${600 + i} stop ${570 + i} target ${680 + i}`, deliveryId };
    return { deliveryId, body };
  });
}

const postMessage = (base: string, body: Record<string, unknown>) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.skipIf(!POSTGRES_URL)('a service killed mid-burst and restarted, on the Postgres server', () => {
  it('when the process is SIGKILLed during a burst of messages, then after a restart every accepted message has one answer or an explicit failure and none is stuck', async () => {
    const pg = await throwawayPostgres(POSTGRES_URL ?? '', 'tb_crash', 1, { demo: true });
    const database = pg.databases[0] as Database;
    let running: ChildProcess | undefined;
    try {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const env = {
        DATABASE_URL: pg.url,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        CLI_ENABLED: 'false',
        LOG_LEVEL: 'warn',
        DATA_DIR: mkdtempSync(join(tmpdir(), 'tb-crash-')),
        ANSWER_LEASE_SECONDS: '3',
      };
      const first = startService(env);
      running = first.child;
      await waitForHealth(base, first.child, first.output);

      const sent = burst();
      const answeredBeforeKill = new Map<string, unknown>();
      const inFlight = sent.map(({ deliveryId, body }) =>
        postMessage(base, body)
          .then(async (r) =>
            answeredBeforeKill.set(deliveryId, ((await r.json()) as { reply: unknown }).reply),
          )
          .catch(() => undefined),
      );
      // Kill once some answers are out and others are surely half done.
      const deadline = Date.now() + 120_000;
      while (answeredBeforeKill.size < 3 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      signal(first.child, 'SIGKILL');
      await Promise.all(inFlight);
      if (first.child.exitCode === null && first.child.signalCode === null) await once(first.child, 'exit');

      const accepted = await database.db
        .select({ msgId: assistantMessages.msgId, deliveryId: assistantMessages.deliveryId })
        .from(assistantMessages)
        .where(eq(assistantMessages.role, 'user'));
      const pendingAtKill = await database.db
        .select()
        .from(answerJobs)
        .where(eq(answerJobs.status, 'pending'));

      const second = startService(env);
      running = second.child;
      await waitForHealth(base, second.child, second.output);

      // Every delivery is retried (as a platform would) until it is no longer being worked on.
      const finalReplies = new Map<string, { title: string; replayed?: boolean }>();
      for (const { deliveryId, body } of sent) {
        const until = Date.now() + 60_000;
        for (;;) {
          const reply = ((await (await postMessage(base, body)).json()) as { reply: { title: string } })
            .reply;
          if (reply.title !== 'Still working on it' || Date.now() > until) {
            finalReplies.set(deliveryId, reply);
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
      }

      const titles = [...finalReplies.values()].map((r) => r.title);
      expect(titles).not.toContain('Still working on it');
      const jobs = await database.db.select().from(answerJobs);
      expect(jobs.filter((j) => j.status === 'pending')).toEqual([]);
      const messages = await database.db.select().from(assistantMessages);
      const inbound = messages.filter((m) => m.role === 'user');
      expect(inbound).toHaveLength(BURST);
      for (const m of inbound) expect(messages.filter((r) => r.inReplyTo === m.msgId)).toHaveLength(1);
      // What was answered before the kill is what the retry returns.
      for (const [deliveryId, reply] of answeredBeforeKill)
        expect(finalReplies.get(deliveryId)?.title).toBe((reply as { title: string }).title);
      const failed = titles.filter((t) => t === LOST_ANSWER.title).length;
      console.info(
        `crash mid-burst: ${BURST} sent, ${accepted.length} accepted before the kill, ${answeredBeforeKill.size} answered before it, ${pendingAtKill.length} pending at the kill; after restart all ${BURST} answered (${failed} explicit "please send it again")`,
      );
      expect(pendingAtKill.length).toBeGreaterThan(0);
    } finally {
      if (running) signal(running, 'SIGTERM');
      await pg.drop();
    }
  }, 600_000);
});
