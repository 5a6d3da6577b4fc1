import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import type { App } from '../../src/app.js';
import { createIntentLoader } from '../../src/bot/commands/index.js';
import type { Conversation } from '../../src/bot/conversation/index.js';
import { createHttpServer } from '../../src/bot/http/index.js';
import { createSlackBot, type SlackBot } from '../../src/bot/slack/index.js';
import { signedHeaders, startFakeSlack, type FakeSlack, type SlackCall } from './fake-slack-server.js';

export const SIGNING_SECRET = 'test-signing-secret-8f2c';

export interface SlackHarness {
  url: string;
  slack: FakeSlack;
  bot: SlackBot;
  /** A signed slash command, as Slack posts it (form-encoded). */
  slash(
    command: string,
    text: string,
    extra?: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** A signed Events API envelope (JSON). */
  event(event: Record<string, unknown>, eventId: string, headers?: Record<string, string>): Promise<Response>;
  /** A signed interactivity payload (form field `payload`, JSON inside). */
  interaction(payload: Record<string, unknown>): Promise<Response>;
  /** chat.postMessage calls to one channel. */
  posts(channel: string): SlackCall[];
  /** Resolves with the channel's posts once there are `count` of them. */
  waitForPosts(channel: string, count: number, timeoutMs?: number): Promise<SlackCall[]>;
  /** Any body with any headers: for forged and malformed requests. */
  raw(body: string, headers: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

let counter = 0;
export const nextId = (prefix: string) => `${prefix}${(counter += 1).toString().padStart(6, '0')}`;

/** The real Bolt app mounted on the real HTTP server, its Web API pointed at a local fake Slack. */
export async function startSlackHarness(
  app: App,
  options: {
    conversation?: Conversation;
    postIntervalMs?: number;
    maxConcurrentAnswers?: number;
    logger?: Logger;
  } = {},
): Promise<SlackHarness> {
  const slack = await startFakeSlack();
  const logger = options.logger ?? pino({ level: 'silent' });
  const conversation = options.conversation ?? app.conversation;
  const http = createHttpServer({
    conversation,
    services: app.services,
    logger,
    databaseKind: app.database.kind,
  });
  const bot = createSlackBot({
    conversation,
    loadIntent: createIntentLoader(app.services.evaluations),
    logger,
    botToken: 'xoxb-test-token',
    signingSecret: SIGNING_SECRET,
    apiUrl: slack.apiUrl,
    postIntervalMs: options.postIntervalMs ?? 50,
    ...(options.maxConcurrentAnswers ? { maxConcurrentAnswers: options.maxConcurrentAnswers } : {}),
    chartFor: (evaluationId) => app.services.evaluation.chartSettled(evaluationId),
  });
  bot.mount(http);
  await bot.start();
  await http.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}/slack/events`;
  const send = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { ...signedHeaders(SIGNING_SECRET, body, contentType), ...headers },
      body,
    });
  const posts = (channel: string) => slack.of('chat.postMessage').filter((c) => c.body.channel === channel);
  return {
    url,
    slack,
    bot,
    posts,
    async waitForPosts(channel, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (posts(channel).length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `waited ${timeoutMs} ms for ${count} posts to ${channel}, got ${posts(channel).length}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return posts(channel);
    },
    slash(command, text, extra = {}, headers = {}) {
      const body = new URLSearchParams({
        token: 'legacy',
        team_id: 'T1',
        team_domain: 'desk',
        channel_id: 'C1',
        channel_name: 'trading',
        user_id: 'U1',
        user_name: 'alice',
        command,
        text,
        api_app_id: 'A1',
        response_url: slack.responseUrl(nextId('r')),
        trigger_id: nextId('tr.'),
        ...extra,
      }).toString();
      return send(body, 'application/x-www-form-urlencoded', headers);
    },
    event(event, eventId, headers = {}) {
      const body = JSON.stringify({
        token: 'legacy',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        event,
      });
      return send(body, 'application/json', headers);
    },
    interaction(payload) {
      return send(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
      );
    },
    raw: (body, headers) => fetch(url, { method: 'POST', headers, body }),
    async close() {
      await http.close();
      await slack.close();
    },
  };
}

/** The text of every block, joined: what a reader of the Slack message sees. */
export function blockText(body: Record<string, unknown>): string {
  const blocks = (body.blocks ?? []) as Record<string, unknown>[];
  return blocks.map((b) => JSON.stringify(b)).join('\n');
}
