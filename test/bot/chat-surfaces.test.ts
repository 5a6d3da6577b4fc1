import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatSurfaces } from '../../src/bot/chat-surfaces.js';
import { createConversation } from '../../src/bot/conversation/index.js';
import { loadConfig } from '../../src/config.js';
import { createEvaluationRepository, type Database } from '../../src/db/index.js';
import type { App } from '../../src/app.js';
import { buildTestApp } from '../helpers/app.js';
import { openPglite } from '../helpers/databases.js';

describe('createChatSurfaces', () => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await openPglite({ demo: true });
    app = await buildTestApp(database);
  });
  afterAll(async () => {
    await app.close();
  });
  const surfaces = (env: Record<string, string>) =>
    createChatSurfaces({
      config: loadConfig(env),
      conversation: createConversation(app.services),
      evaluations: createEvaluationRepository(database.db),
      logger: pino({ level: 'silent' }),
    });

  it('when no Slack or Discord token is set, then nothing starts and no summary poster is offered', async () => {
    const none = surfaces({});
    expect(() => none.mount(undefined)).not.toThrow();
    expect(await none.start()).toEqual([]);
    expect([...none.posters.keys()]).toEqual([]);
  });

  it('when Slack is in HTTP mode but the HTTP server is off, then start-up says how to fix it', () => {
    const slack = surfaces({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret',
      HTTP_ENABLED: 'false',
    });
    expect(() => slack.mount(undefined)).toThrow(/HTTP_ENABLED=true, or SLACK_APP_TOKEN/);
    expect([...slack.posters.keys()]).toEqual(['slack']);
  });

  it('when both tokens are set, then both platforms offer a summary poster', () => {
    const both = surfaces({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      DISCORD_TOKEN: 'd',
      DISCORD_APPLICATION_ID: '123',
    });
    expect([...both.posters.keys()].sort()).toEqual(['discord', 'slack']);
  });
});
