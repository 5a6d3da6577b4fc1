import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { EvaluationRepository } from '../db/index.js';
import type { SummaryPoster } from '../jobs/index.js';
import { createIntentLoader } from './commands/index.js';
import type { Conversation } from './conversation/index.js';
import { createDiscordBot, type DiscordBot } from './discord/index.js';
import {
  type Backoff,
  type SupervisedSurface,
  type SurfaceStatusProvider,
  superviseSurface,
  surfaceStatusProvider,
} from './surface-status.js';
import { createSlackBot, createSlackSummaryPoster, SLACK_EVENTS_PATH, type SlackBot } from './slack/index.js';

export interface ChatSurfaces {
  /** Summary posters by platform, for the scheduler's poster router. */
  posters: Map<'slack' | 'discord', SummaryPoster>;
  /** Each configured surface's connection state, for GET /api/health. */
  status: SurfaceStatusProvider;
  /** Adds POST /slack/events (HTTP mode) to the service's server; call before it listens. */
  mount(http: FastifyInstance | undefined): void;
  /**
   * Starts connecting every surface in the background and returns at once with their names:
   * a platform that cannot be reached is retried (capped exponential backoff) without holding
   * up the HTTP API or the other surfaces.
   */
  start(): Promise<string[]>;
  stop(): Promise<void>;
}

/** Slack and Discord, each only when its tokens are configured. */
export function createChatSurfaces(deps: {
  config: Config;
  conversation: Conversation;
  evaluations: EvaluationRepository;
  logger: Logger;
  backoff?: Backoff;
  /** Waits for a chart still drawing, so Slack can attach it after the report. */
  chartFor?: (
    evaluationId: string,
  ) => Promise<{ path?: string | undefined; url: string; alt: string } | undefined>;
}): ChatSurfaces {
  const { env } = deps.config;
  const loadIntent = createIntentLoader(deps.evaluations);
  const slack: SlackBot | undefined = env.SLACK_BOT_TOKEN
    ? createSlackBot({
        conversation: deps.conversation,
        loadIntent,
        logger: deps.logger,
        botToken: env.SLACK_BOT_TOKEN,
        signingSecret: env.SLACK_SIGNING_SECRET,
        appToken: env.SLACK_APP_TOKEN,
        apiUrl: env.SLACK_API_URL,
        ...(deps.chartFor ? { chartFor: deps.chartFor } : {}),
      })
    : undefined;
  const discord: DiscordBot | undefined = env.DISCORD_TOKEN
    ? createDiscordBot({
        conversation: deps.conversation,
        loadIntent,
        logger: deps.logger,
        token: env.DISCORD_TOKEN,
        apiUrl: env.DISCORD_API_URL,
        ...(deps.chartFor ? { chartFor: deps.chartFor } : {}),
      })
    : undefined;
  const posters = new Map<'slack' | 'discord', SummaryPoster>();
  if (slack) posters.set('slack', createSlackSummaryPoster(slack.poster));
  if (discord) posters.set('discord', discord.summaryPoster);
  const secrets = [
    env.SLACK_BOT_TOKEN,
    env.SLACK_APP_TOKEN,
    env.SLACK_SIGNING_SECRET,
    env.DISCORD_TOKEN,
  ].filter((s): s is string => Boolean(s));
  const supervised: SupervisedSurface[] = [];
  const supervise = (name: string, connect: () => Promise<void>) =>
    supervised.push(superviseSurface({ name, connect, logger: deps.logger, secrets, backoff: deps.backoff }));
  if (slack) supervise('slack', () => slack.start());
  if (discord) supervise('discord', () => discord.start());
  return {
    posters,
    status: surfaceStatusProvider(supervised),
    mount(http) {
      if (slack?.mode !== 'http') return;
      if (!http)
        throw new Error(
          'Slack in HTTP mode needs the HTTP server: set HTTP_ENABLED=true, or SLACK_APP_TOKEN for Socket Mode',
        );
      slack.mount(http);
    },
    async start() {
      for (const surface of supervised) void surface.start();
      const started: string[] = [];
      if (slack)
        started.push(
          slack.mode === 'http' ? `Slack (HTTP, POST ${SLACK_EVENTS_PATH})` : 'Slack (Socket Mode)',
        );
      if (discord) started.push('Discord (gateway)');
      return started;
    },
    async stop() {
      for (const surface of supervised) surface.stop();
      await Promise.allSettled([slack?.stop(), discord?.stop()]);
    },
  };
}
