import type { RequestListener } from 'node:http';
import { App, HTTPReceiver, webApi } from '@slack/bolt';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { IntentLoader } from '../commands/index.js';
import type { Conversation } from '../conversation/index.js';
import { createWorkLimiter } from '../work-limiter.js';
import { boltLogger } from './bolt-logger.js';
import { registerSlackListeners } from './listeners.js';
import { createPacer } from './pacer.js';
import { createSlackPoster, type SlackPoster, type SlackPosterDeps } from './poster.js';
import { isFromTheFuture } from './request-freshness.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackBotOptions {
  conversation: Conversation;
  loadIntent: IntentLoader;
  logger: Logger;
  botToken: string;
  /** HTTP mode: requests are verified with it. */
  signingSecret?: string | undefined;
  /** Socket Mode, chosen when set. */
  appToken?: string | undefined;
  /** Web API base, e.g. a local server in tests (default https://slack.com/api/). */
  apiUrl?: string | undefined;
  /** Spacing of posts to one channel (default 1,000 ms: Slack's one message a second). */
  postIntervalMs?: number;
  /** Answers worked out at once; the rest wait their turn after being acknowledged (default 8). */
  maxConcurrentAnswers?: number;
  /** Waits for an evaluation's chart that is still drawing, to upload it after the report. */
  chartFor?: SlackPosterDeps['chartFor'];
}

export interface SlackBot {
  mode: 'http' | 'socket';
  app: App;
  poster: SlackPoster;
  /** HTTP mode: serves POST /slack/events on the service's own HTTP server. Call before it listens. */
  mount(server: FastifyInstance): void;
  /** Checks the bot token (auth.test, no retries: the caller retries) and, in Socket Mode, connects. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createSlackBot(options: SlackBotOptions): SlackBot {
  const logger = boltLogger(options.logger);
  const clientOptions = options.apiUrl
    ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` }
    : {};
  const socket = Boolean(options.appToken);
  let receiver: HTTPReceiver | undefined;
  let app: App;
  if (socket) {
    // The Socket Mode client opens its connection (apps.connections.open) with installerOptions' client options.
    app = new App({
      token: options.botToken,
      appToken: options.appToken,
      socketMode: true,
      clientOptions,
      installerOptions: { clientOptions },
      logger,
      deferInitialization: true,
    });
  } else {
    if (!options.signingSecret) throw new Error('Slack HTTP mode needs a signing secret');
    receiver = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger,
      processBeforeResponse: false,
    });
    app = new App({ token: options.botToken, receiver, clientOptions, logger, deferInitialization: true });
  }
  app.error(async (error) => {
    options.logger.error({ err: error }, 'slack app error');
  });
  const poster = createSlackPoster({
    client: app.client,
    pacer: createPacer(options.postIntervalMs ?? 1_000),
    logger: options.logger,
    ...(options.chartFor ? { chartFor: options.chartFor } : {}),
  });
  registerSlackListeners(app, {
    conversation: options.conversation,
    poster,
    loadIntent: options.loadIntent,
    logger: options.logger,
    limiter: createWorkLimiter(options.maxConcurrentAnswers ?? 8),
  });

  return {
    mode: socket ? 'socket' : 'http',
    app,
    poster,
    mount(server) {
      if (!receiver) throw new Error('Slack is in Socket Mode: there is nothing to mount');
      mountSlackEvents(server, receiver.requestListener);
    },
    async start() {
      // Bolt's own client retries for minutes; one quick check per attempt lets the caller's
      // backoff decide when to try again.
      await probeClient(options.botToken, clientOptions, logger)
        .auth.test()
        .catch((error: unknown) => {
          const code = (error as { code?: unknown }).code;
          if (code !== webApi.ErrorCode.PlatformError)
            throw new Error(`Slack API unreachable (${reasonOf(error)})`);
          throw new Error(`Slack did not accept SLACK_BOT_TOKEN (${reasonOf(error)})`);
        });
      // Deferred initialisation: a rejected token is reported here, with Slack's reason, instead of
      // surfacing later as an unhandled rejection from the constructor's own auth.test.
      await app.init().catch((error: unknown) => {
        throw new Error(`Slack did not accept SLACK_BOT_TOKEN (${reasonOf(error)})`, { cause: error });
      });
      if (socket) await app.start();
    },
    async stop() {
      if (socket) await app.stop();
    },
  };
}

/** A client that tries once (no retries, 10 s timeout), for the start-up token check. */
function probeClient(
  token: string,
  clientOptions: { slackApiUrl?: string },
  logger: ReturnType<typeof boltLogger>,
): InstanceType<typeof webApi.WebClient> {
  return new webApi.WebClient(token, {
    ...clientOptions,
    logger,
    retryConfig: { retries: 0 },
    timeout: 10_000,
  });
}

function reasonOf(error: unknown): string {
  const reason = (error as { data?: { error?: unknown } }).data?.error;
  return String(reason ?? (error instanceof Error ? error.message : 'unknown error'));
}

/**
 * Hands POST /slack/events to Bolt's own request listener, so Bolt's signature check, retry
 * headers, url_verification and ack timing all apply. Fastify keeps the body as the exact
 * bytes Slack signed (Bolt reads `rawBody` instead of the already-consumed stream). In front of
 * Bolt, a timestamp more than 5 minutes ahead is refused with Bolt's 401: Bolt checks only the past.
 */
export function mountSlackEvents(
  server: FastifyInstance,
  listener: RequestListener,
  path = SLACK_EVENTS_PATH,
): void {
  void server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post(path, (request, reply) => {
      if (isFromTheFuture(request.headers['x-slack-request-timestamp'])) {
        request.log.warn('slack request refused: its timestamp is more than 5 minutes ahead');
        return reply.status(401).send();
      }
      if (Buffer.isBuffer(request.body)) Object.assign(request.raw, { rawBody: request.body });
      reply.hijack();
      listener(request.raw, reply.raw);
    });
  });
}
