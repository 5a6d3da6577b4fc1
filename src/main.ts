import { join } from 'node:path';
import { buildApp } from './app.js';
import { createChatSurfaces } from './bot/chat-surfaces.js';
import { createAnswerSweeper } from './bot/conversation/index.js';
import { runTerminalChat } from './bot/cli/terminal-chat.js';
import { accessSummary, bindRefusal } from './bot/http/bind-guard.js';
import { createHttpServer } from './bot/http/index.js';
import { renderTerminal } from './bot/render/terminal.js';
import {
  createConsolePoster,
  createLlmRetentionJob,
  createPosterRouter,
  createReviewSweeper,
  createSummaryScheduler,
  ALPACA_SYNC_JOB,
  FINNHUB_JOB,
  finnhubOutcome,
  scheduleProviderFetch,
  scheduleSnapshotJob,
  createIngestJob,
} from './jobs/index.js';
import { ConfigError, loadConfig } from './config.js';
import { createAuditRepository, createWatchedSymbolsRepository, lockDatabaseDir } from './db/index.js';
import { createLogger } from './logger.js';
import { createFinnhubService } from './market/providers/index.js';
import { createWatchedSymbols } from './market/watched-symbols.js';
import { alpacaOutcome, createAlpacaSync } from './trading/index.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const interactive = config.cli.enabled && Boolean(process.stdin.isTTY);
  // In the terminal chat, logs go to a file so they do not interleave with the conversation.
  const logger = createLogger({
    level: config.env.LOG_LEVEL,
    destination: interactive ? join(config.dataDir, 'buddy.log') : undefined,
  });
  // One process per PGlite directory: a second server refuses at once, naming the holder.
  const lock = await lockDatabaseDir(config.database, {
    role: 'the running server',
    waitMs: 0,
    onCompromised: (error) => logger.error({ err: error }, 'data directory lock lost'),
  });
  const app = await buildApp(config, logger);
  const liveTokens = await app.services.accounts.tokensRequired();
  const refusal = config.http.enabled && bindRefusal(config.http.host, config.http.port, liveTokens);
  if (refusal) {
    await app.close();
    throw new Error(refusal);
  }
  const surfaces = createChatSurfaces({
    config,
    conversation: app.conversation,
    evaluations: app.services.evaluations,
    logger,
    chartFor: (evaluationId) => app.services.evaluation.chartSettled(evaluationId),
  });
  const http = config.http.enabled
    ? createHttpServer({
        conversation: app.conversation,
        services: app.services,
        logger,
        databaseKind: app.database.kind,
        surfaces: surfaces.status,
      })
    : undefined;
  surfaces.mount(http);
  // Each surface connects in the background (retrying while its platform is unreachable); the
  // HTTP API listens regardless and reports their states in GET /api/health.
  for (const surface of await surfaces.start()) logger.info(`${surface} connecting`);
  if (http) {
    logger.info(accessSummary(config.access.auth, liveTokens, app.services.access.localUserId));
    const address = await http.listen({ host: config.http.host, port: config.http.port });
    const message = `HTTP API on ${address} (POST /api/messages, POST /api/evaluate, GET /api/health)`;
    if (interactive) process.stdout.write(`${message}\n`);
    else logger.info(message);
  }
  // Daily summaries: the terminal prints its channel's; the Slack and Discord adapters register their posters here.
  const posters = createPosterRouter();
  posters.register(
    'cli',
    createConsolePoster(
      (text) => (interactive ? process.stdout.write(`\n${text}\n`) : logger.info(text)),
      (reply) => renderTerminal(reply, { color: false }),
    ),
  );
  for (const [platform, poster] of surfaces.posters) posters.register(platform, poster);
  const scheduler = createSummaryScheduler({
    jobs: app.services.trading.jobs,
    trading: app.services.trading,
    users: app.services.users,
    reviews: app.services.review,
    disclosure: async (userId) => (await app.services.settings.forUser(userId)).values.disclosure,
    poster: posters,
    logger,
  });
  await scheduler.start();
  // Answers interrupted by a crash: finished (or failed explicitly) and pushed where the platform allows.
  const answerSweeper = createAnswerSweeper({ services: app.services, posters: surfaces.posters });
  await answerSweeper.start();
  const reviewSweeper = createReviewSweeper({ review: app.services.review, logger });
  await reviewSweeper.start();
  // Key levels and regime at each bar close, claimed per hour so one process computes them.
  const snapshotJob = scheduleSnapshotJob(
    { market: app.services.market, snapshots: app.services.snapshots, logger },
    { jobs: app.services.trading.jobs },
  );
  // News and fundamentals from Finnhub for the watched symbols, once per slot across processes (only with a key).
  const finnhub = config.providers.finnhub;
  const finnhubService = finnhub ? createFinnhubService(app.database.db, finnhub) : undefined;
  const providerFetch =
    finnhub && finnhubService
      ? scheduleProviderFetch({
          job: FINNHUB_JOB,
          jobs: app.services.trading.jobs,
          run: (now) => finnhubService.sync({ now }),
          outcome: finnhubOutcome,
          everyMinutes: finnhub.fetchMinutes,
          logger,
        })
      : undefined;
  providerFetch?.start();
  // The Alpaca account's fills into its trader's book (the last 7 days each time; fills seen before are skipped).
  const alpaca = config.providers.alpaca;
  const alpacaSync =
    alpaca && alpaca.syncMinutes > 0
      ? scheduleProviderFetch({
          job: ALPACA_SYNC_JOB,
          jobs: app.services.trading.jobs,
          run: async (now) => {
            const userId = alpaca.syncUser.includes(':') ? alpaca.syncUser : `cli:local:${alpaca.syncUser}`;
            await app.services.users.ensureUser({ userId, platform: userId.split(':')[0] ?? 'cli' });
            const sync = createAlpacaSync({
              settings: alpaca,
              importFills: app.services.trading.importFills,
            });
            return sync(userId, new Date(now.getTime() - 7 * 86_400_000));
          },
          outcome: alpacaOutcome,
          everyMinutes: alpaca.syncMinutes,
          logger,
        })
      : undefined;
  alpacaSync?.start();
  // Bars of the symbols people trade or mention, when a live provider is configured; each slot claimed once.
  const ingestJob = app.marketData?.ingestor
    ? createIngestJob({
        ingestor: app.marketData.ingestor,
        watched: createWatchedSymbols(createWatchedSymbolsRepository(app.database.db)),
        market: app.services.market,
        jobs: app.services.trading.jobs,
        logger,
      })
    : undefined;
  ingestJob?.start();
  const retention = createLlmRetentionJob({
    audit: createAuditRepository(app.database.db),
    retentionDays: config.llmRawRetentionDays,
    logger,
  });
  await retention.start();
  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    scheduler.stop();
    answerSweeper.stop();
    reviewSweeper.stop();
    snapshotJob.stop();
    providerFetch?.stop();
    alpacaSync?.stop();
    ingestJob?.stop();
    retention.stop();
    await surfaces.stop();
    await http?.close();
    await app.close();
    await lock.release();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  if (interactive) {
    await runTerminalChat(app.conversation, {
      user: config.cli.user,
      input: process.stdin,
      output: process.stdout,
    });
    await shutdown(0);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
  } else {
    process.stderr.write(
      `Trading Buddy could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
});
