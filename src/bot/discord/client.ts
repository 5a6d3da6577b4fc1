import { readFile } from 'node:fs/promises';
import { Client, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { Logger } from 'pino';
import type { SummaryPoster } from '../../jobs/index.js';
import type { IntentLoader } from '../commands/index.js';
import type { Conversation } from '../conversation/index.js';
import { renderDiscord } from '../render/discord.js';
import { createWorkLimiter } from '../work-limiter.js';
import { createInteractionHandler, type ChartFor } from './interactions.js';

export interface DiscordBotOptions {
  conversation: Conversation;
  loadIntent: IntentLoader;
  logger: Logger;
  token: string;
  /** REST base without the version, e.g. http://127.0.0.1:PORT/api in tests (default https://discord.com/api). */
  apiUrl?: string | undefined;
  /** Answers worked out at once (default 8). */
  maxConcurrentAnswers?: number;
  /** Waits for an evaluation's chart still drawing (see InteractionDeps.chartFor). */
  chartFor?: ChartFor;
}

export interface DiscordBot {
  client: Client;
  /** Posts the daily summary into a subscribed channel through REST (no gateway cache needed). */
  summaryPoster: SummaryPoster;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The gateway client with the only intent slash commands and buttons need (Guilds: no message
 * content, no members), every message sent with mentions disabled.
 */
export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
  });
  const log = options.logger.child({ surface: 'discord' });
  const handle = createInteractionHandler({
    conversation: options.conversation,
    loadIntent: options.loadIntent,
    logger: log,
    limiter: createWorkLimiter(options.maxConcurrentAnswers ?? 8),
    ...(options.chartFor ? { chartFor: options.chartFor } : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => void handle(interaction));
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.once(Events.ClientReady, (ready) => log.info({ user: ready.user.tag }, 'discord connected'));

  const summaryPoster: SummaryPoster = {
    async post(channel, reply) {
      const message = renderDiscord(reply);
      const files = await Promise.all(
        message.files.map(async (f) => ({ name: f.name, data: await readFile(f.path) })),
      );
      const sent = (await client.rest.post(Routes.channelMessages(channel.channel), {
        body: {
          content: message.content,
          embeds: message.embeds,
          components: message.components,
          allowed_mentions: message.allowed_mentions,
        },
        ...(files.length ? { files } : {}),
      })) as { id?: unknown };
      return typeof sent.id === 'string' ? { messageId: sent.id } : {};
    },
  };

  return {
    client,
    summaryPoster,
    async start() {
      // A failed login leaves the client half set up; reset it so the next attempt starts clean.
      await client.login(options.token).catch(async (error: unknown) => {
        await client.destroy().catch(() => undefined);
        throw error;
      });
    },
    async stop() {
      await client.destroy();
    },
  };
}
