import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createChatSurfaces } from '../../src/bot/chat-surfaces.js';
import { createHttpServer } from '../../src/bot/http/index.js';
import type { SurfaceStatus } from '../../src/bot/surface-status.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/index.js';
import { buildTestApp } from '../helpers/app.js';
import { openPglite } from '../helpers/databases.js';
import { startFakeDiscord } from '../helpers/fake-discord-server.js';
import { startFakeSlack, type FakeSlack } from '../helpers/fake-slack-server.js';

const BOT_TOKEN = 'xoxb-surface-startup-secret';
const DISCORD_TOKEN = 'discord-surface-startup-secret';

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface Health {
  status: string;
  surfaces: Record<string, SurfaceStatus>;
}

describe('chat surfaces whose platform is unreachable at start', () => {
  let database: Database;
  let app: App;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    database = await openPglite({ demo: true });
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app.close();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** The real HTTP server and chat surfaces, wired as src/main.ts wires them. */
  async function startService(env: Record<string, string>) {
    const surfaces = createChatSurfaces({
      config: loadConfig(env),
      conversation: app.conversation,
      evaluations: app.services.evaluations,
      logger: pino({ level: 'silent' }),
      backoff: { initialMs: 50, maxMs: 200 },
    });
    const http = createHttpServer({
      conversation: app.conversation,
      services: app.services,
      logger: pino({ level: 'silent' }),
      databaseKind: app.database.kind,
      surfaces: surfaces.status,
    });
    surfaces.mount(http);
    const started = await surfaces.start();
    await http.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(async () => {
      await surfaces.stop();
      await http.close();
    });
    const base = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
    const health = async () => {
      const response = await fetch(`${base}/api/health`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).not.toContain(BOT_TOKEN);
      expect(text).not.toContain(DISCORD_TOKEN);
      return JSON.parse(text) as Health;
    };
    const until = async (check: (h: Health) => boolean, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const h = await health();
        if (check(h)) return h;
        if (Date.now() > deadline) throw new Error(`health never matched: ${JSON.stringify(h)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const message = async (text: string) => {
      const response = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'surface-tester', text }),
      });
      return response.status;
    };
    return { started, health, until, message };
  }

  it('when the Slack API port is closed at start, then the HTTP API answers, health says degraded with retries, and Slack comes up once its API is reachable', async () => {
    const port = await closedPort();
    const service = await startService({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
    });
    expect(service.started).toEqual(['Slack (HTTP, POST /slack/events)']);

    const degraded = await service.until((h) => (h.surfaces.slack?.attempts ?? 0) >= 3);
    expect(degraded.status).toBe('degraded');
    expect(degraded.surfaces.slack?.state).not.toBe('up');
    expect(degraded.surfaces.slack?.lastError).toMatch(/Slack API unreachable/);
    expect(await service.message('help')).toBe(200);

    const slack: FakeSlack = await startFakeSlack({ port });
    cleanups.push(() => slack.close());
    const up = await service.until((h) => h.surfaces.slack?.state === 'up');
    expect(up.status).toBe('ok');
    expect(slack.of('auth.test').length).toBeGreaterThanOrEqual(1);
    expect(await service.message('help')).toBe(200);
  });

  it('when the Slack API answers 503 at start, then Slack is down with the reason and becomes up when the API recovers', async () => {
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    slack.failWith(503);
    const service = await startService({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_API_URL: slack.apiUrl,
    });
    const down = await service.until(
      (h) => h.surfaces.slack?.state === 'down' && (h.surfaces.slack?.attempts ?? 0) >= 2,
    );
    expect(down.status).toBe('degraded');
    expect(down.surfaces.slack?.lastError).toMatch(/503/);
    expect(await service.message('help')).toBe(200);

    slack.failWith(undefined);
    const up = await service.until((h) => h.surfaces.slack?.state === 'up');
    expect(up.status).toBe('ok');
    expect(up.surfaces.slack?.lastError).toMatch(/503/);
  });

  it('when the Discord API is unreachable and Slack is fine, then Slack is up, Discord keeps retrying, the HTTP API answers, and Discord comes up once its API is reachable', async () => {
    const slack = await startFakeSlack();
    cleanups.push(() => slack.close());
    const port = await closedPort();
    const service = await startService({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: 'signing-secret',
      SLACK_API_URL: slack.apiUrl,
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: '123',
      DISCORD_API_URL: `http://127.0.0.1:${port}/api`,
    });
    const health = await service.until(
      (h) => h.surfaces.slack?.state === 'up' && (h.surfaces.discord?.attempts ?? 0) >= 2,
      60_000,
    );
    expect(health.status).toBe('degraded');
    expect(health.surfaces.discord?.state).not.toBe('up');
    expect(health.surfaces.discord?.lastError).toBeTruthy();
    expect(await service.message('help')).toBe(200);

    const discord = await startFakeDiscord({ port });
    cleanups.push(() => discord.close());
    const up = await service.until((h) => h.surfaces.discord?.state === 'up', 60_000);
    expect(up.status).toBe('ok');
    expect(discord.calls.some((c) => c.path === '/gateway/bot')).toBe(true);
  }, 150_000);

  it('when the Discord API answers 502 at start, then Discord is down and becomes up when the API recovers', async () => {
    const discord = await startFakeDiscord();
    cleanups.push(() => discord.close());
    discord.failWith(502);
    const service = await startService({
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: '123',
      DISCORD_API_URL: discord.api,
    });
    const down = await service.until(
      (h) => h.surfaces.discord?.state === 'down' && (h.surfaces.discord?.attempts ?? 0) >= 2,
      60_000,
    );
    expect(down.status).toBe('degraded');
    expect(await service.message('help')).toBe(200);
    discord.failWith(undefined);
    const up = await service.until((h) => h.surfaces.discord?.state === 'up', 60_000);
    expect(up.status).toBe('ok');
  }, 150_000);
});
