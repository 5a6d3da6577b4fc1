import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { App } from '../../../src/app.js';
import { createIntentLoader } from '../../../src/bot/commands/index.js';
import { createSlackBot, type SlackBot } from '../../../src/bot/slack/index.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';
import { startFakeSlack, type FakeSlack } from '../../helpers/fake-slack-server.js';

/** Messages the app sent back over the socket (acks), by envelope id. */
type Acks = Map<string, unknown>;

describe.each(BACKENDS)('Slack Socket Mode on $name', (backend) => {
  let app: App;
  let slack: FakeSlack;
  let wss: WebSocketServer;
  let socket: WebSocket | undefined;
  let bot: SlackBot;
  const acks: Acks = new Map();

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    slack = await startFakeSlack();
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      wss.on('error', reject);
      wss.once('listening', () => resolve());
    });
    slack.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
    // Slack's side of the handshake: "hello" once connected, then envelopes; the app answers each with its envelope_id.
    wss.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (message.envelope_id) acks.set(message.envelope_id, message.payload);
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          connection_info: { app_id: 'A1' },
          debug_info: { host: 'local' },
        }),
      );
    });
    bot = createSlackBot({
      conversation: app.conversation,
      loadIntent: createIntentLoader(app.services.evaluations),
      logger: pino({ level: 'silent' }),
      botToken: 'xoxb-test-token',
      appToken: 'xapp-test-token',
      apiUrl: slack.apiUrl,
      postIntervalMs: 50,
    });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await slack.close();
    await app.close();
  });

  it('when SLACK_APP_TOKEN is set, then the app opens a socket through apps.connections.open instead of serving HTTP', () => {
    expect(bot.mode).toBe('socket');
    expect(slack.of('apps.connections.open')).toHaveLength(1);
    expect(socket).toBeDefined();
  });

  it('when a slash command arrives over the socket, then its envelope is acknowledged and the report goes to the response_url', async () => {
    const before = await app.services.evaluations.countEvaluations();
    socket?.send(
      JSON.stringify({
        envelope_id: 'env-slash-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          command: '/evaluate',
          text: 'long SPX 2870 stop 2790 target 3050',
          team_id: 'T1',
          channel_id: 'C-SOCK',
          user_id: 'U1',
          user_name: 'alice',
          response_url: slack.responseUrl('sock-1'),
          trigger_id: 'tr.sock.1',
          api_app_id: 'A1',
          token: 'legacy',
        },
      }),
    );
    const [post] = await slack.waitFor('response/sock-1', 1);
    expect(acks.has('env-slash-1')).toBe(true);
    expect(JSON.stringify(post?.body.blocks)).toContain('Buddy Report: long SPX');
    expect(await app.services.evaluations.countEvaluations()).toBe(before + 1);
  });

  it('when an event is redelivered over the socket (retry_attempt), then it is answered once', async () => {
    const event = {
      type: 'message',
      channel: 'D-SOCK',
      channel_type: 'im',
      user: 'U2',
      text: 'help',
      ts: '1700003000.000100',
      event_ts: '1700003000.000100',
    };
    for (const attempt of [0, 1, 2]) {
      socket?.send(
        JSON.stringify({
          envelope_id: `env-ev-${attempt}`,
          type: 'events_api',
          accepts_response_payload: false,
          retry_attempt: attempt,
          retry_reason: attempt ? 'timeout' : '',
          payload: {
            type: 'event_callback',
            team_id: 'T1',
            api_app_id: 'A1',
            event_id: 'EvSOCK1',
            event_time: 1_700_003_000,
            event,
          },
        }),
      );
    }
    await slack.waitFor('chat.postMessage', 1);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(slack.of('chat.postMessage').filter((c) => c.body.channel === 'D-SOCK')).toHaveLength(1);
    expect([...acks.keys()]).toEqual(expect.arrayContaining(['env-ev-0', 'env-ev-1', 'env-ev-2']));
  });
});
