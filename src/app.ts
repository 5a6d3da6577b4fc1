import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import {
  createAccountService,
  createDataRights,
  createRateLimit,
  createSettingsService,
} from './accounts/index.js';
import type { App } from './bot/app.js';

export type { App } from './bot/app.js';
import { createAnswerOutbox, createConversation } from './bot/conversation/index.js';
import { createSymbolDirectory, type BotServices } from './bot/services.js';
import { createKnowledgeAnswerer } from './agents/answer/index.js';
import { createAuditStack } from './agents/audit/index.js';
import { anthropicModelEndOfLife } from './agents/llm/index.js';
import { DEFAULT_ANTHROPIC_MODEL, SECRET_KEYS, type Config } from './config.js';
import {
  createAnswerJobRepository,
  createConversationRepository,
  createEvaluationRepository,
  createIdempotencyRepository,
  createEventRepository,
  createMarketRepository,
  createRulesRepository,
  createUserRepository,
  openDatabase,
  type Database,
} from './db/index.js';
import { createAccountRepository, createKnowledgeRepository, createUserDataRepository } from './db/index.js';
import { createChartRepository, createSnapshotRepository, createTradeRepository } from './db/index.js';
import { createJobRepository, createReviewRepository } from './db/index.js';
import { createEvaluationService, createRegistry, EVALUATORS } from './evaluators/index.js';
import { createContextPackBuilder } from './market/context/index.js';
import { loadDemoData } from './market/data/index.js';
import { loadDemoEvents } from './market/events/index.js';
import { createTradingServices } from './trading/index.js';
import { createReviewService } from './review/index.js';
import { createKnowledgeBase } from './rag/index.js';
import { agentTimeoutMs, createAgentServices } from './agents/services.js';
import { loadDemoFundamentals } from './market/fundamentals/index.js';
import { createSnapshotService } from './market/snapshots/index.js';
import { createMarketDataServices } from './market/services.js';
import {
  createChartImages,
  createChartWorkerPool,
  createEvaluationCharts,
  inlineChartRenderer,
  type ChartRenderer,
} from './charts/index.js';
import { createLocalObjectStore, createS3ObjectStore } from './storage/index.js';

/** Builds every service from the config: the composition root shared by `npm start`, the CLI and tests. */
export async function buildApp(
  config: Config,
  logger: Logger,
  options: { database?: Database; chartRenderer?: ChartRenderer; now?: () => Date } = {},
): Promise<App> {
  const database =
    options.database ??
    (await openDatabase(
      config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dir: config.database.dir },
      {
        onConnectionError: (error) => logger.warn({ err: error }, 'database connection dropped'),
      },
    ));
  const { db } = database;
  const market = createMarketRepository(db);
  if (config.demoData) {
    const loaded = await loadDemoData(market);
    if (loaded.barsAdded > 0) logger.info(loaded, 'demo data loaded');
  }
  const knowledge = createKnowledgeBase({
    settings: config.knowledge,
    repository: createKnowledgeRepository(db),
    logger,
  });
  knowledge.startSync();
  const users = createUserRepository(db);
  const settings = createSettingsService({
    rules: createRulesRepository(db),
    users,
    defaults: config.defaults,
  });
  const evaluations = createEvaluationRepository(db);
  const registry = createRegistry(EVALUATORS);
  const snapshots = createSnapshotService({ market, snapshots: createSnapshotRepository(db) });
  const events = createEventRepository(db);
  if (config.demoData) await loadDemoEvents(events, market);
  const clock = options.now ? () => (options.now as () => Date)().getTime() : undefined;
  const marketData = createMarketDataServices({
    config: config.marketData,
    market,
    logger,
    ...(clock ? { now: clock } : {}),
  });
  const builder = createContextPackBuilder({
    market,
    snapshots,
    events,
    refreshBars: marketData.refreshBars,
    source: marketData.source,
    ...(clock ? { now: clock } : {}),
  });
  const chartStore = config.charts.s3
    ? createS3ObjectStore(config.charts.s3)
    : createLocalObjectStore({ dir: config.charts.dir });
  const renderer =
    options.chartRenderer ??
    (config.charts.workers === 0
      ? inlineChartRenderer
      : createChartWorkerPool({
          threads: config.charts.workers,
          maxQueue: config.charts.maxQueue,
          onWorkerError: (error) => logger.warn({ err: error }, 'chart worker failed'),
        }));
  const chartRepository = createChartRepository(db);
  const charts = createEvaluationCharts({
    store: chartStore,
    charts: chartRepository,
    logger,
    renderer,
  });
  const { env } = config;
  const endOfLife = env.ANTHROPIC_API_KEY ? anthropicModelEndOfLife(env.ANTHROPIC_MODEL) : undefined;
  if (endOfLife)
    logger.warn(
      { model: env.ANTHROPIC_MODEL, endOfLife },
      `ANTHROPIC_MODEL ${env.ANTHROPIC_MODEL} is deprecated (end of life ${endOfLife}): set a current model, e.g. ${DEFAULT_ANTHROPIC_MODEL}`,
    );
  const auditStack = createAuditStack({
    db,
    evaluations,
    logger,
    maxInputChars: env.GUARDRAIL_MAX_INPUT_CHARS,
    secrets: SECRET_KEYS.map((key) => env[key]),
    llm: {
      anthropic: env.ANTHROPIC_API_KEY
        ? { apiKey: env.ANTHROPIC_API_KEY, model: env.ANTHROPIC_MODEL, baseURL: env.ANTHROPIC_BASE_URL }
        : undefined,
      openAiCompatible:
        env.OPENAI_COMPAT_BASE_URL && env.OPENAI_COMPAT_MODEL
          ? {
              baseURL: env.OPENAI_COMPAT_BASE_URL,
              model: env.OPENAI_COMPAT_MODEL,
              apiKey: env.OPENAI_COMPAT_API_KEY,
            }
          : undefined,
      timeoutMs: env.LLM_TIMEOUT_MS,
      maxRetries: env.LLM_MAX_RETRIES,
      userDailyTokens: env.LLM_USER_DAILY_TOKENS,
      maxCallsPerRequest: env.LLM_MAX_CALLS_PER_REQUEST,
      recordLimits: config.llmRecordLimits,
    },
  });
  const agents = createAgentServices({
    db,
    retriever: knowledge.retriever,
    llm: auditStack.llm,
    guardrails: auditStack.guardrails,
    logger,
    timeoutMs: agentTimeoutMs(env.LLM_TIMEOUT_MS, auditStack.llm !== undefined),
  });
  if (config.demoData) await loadDemoFundamentals(agents.fundamentals);
  const tradeRepository = createTradeRepository(db);
  const services: BotServices = {
    evaluation: createEvaluationService({
      builder,
      registry,
      evaluations,
      userContext: settings.userContext,
      timeoutMs: config.evaluatorTimeoutMs,
      charts,
      portfolio: async (userId) => {
        const now = new Date();
        const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
        const [positions, closed] = await Promise.all([
          tradeRepository.positionsOf(userId),
          tradeRepository.closedBetween(userId, midnight, now),
        ]);
        return {
          openSymbols: positions.filter((p) => p.qty !== 0).map((p) => p.symbol),
          // closedBetween matches by prefix: keep this user's trades only.
          realizedPnlToday: closed.filter((t) => t.userId === userId).reduce((sum, t) => sum + t.pnl, 0),
        };
      },
    }),
    market,
    users,
    settings,
    conversations: createConversationRepository(db),
    accounts: createAccountService({
      accounts: createAccountRepository(db),
      users,
      sessionTtlMs: config.access.sessionTtlMs,
    }),
    dataRights: createDataRights({ userData: createUserDataRepository(db), charts: chartStore }),
    access: {
      mode: config.access.auth,
      localUserId: `cli:local:${config.cli.user}`,
      rateLimit: createRateLimit(config.access.perMinute),
    },
    outbox: createAnswerOutbox(createAnswerJobRepository(db), {
      owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      leaseMs: config.answers.leaseMs,
    }),
    idempotency: createIdempotencyRepository(db),
    evaluations,
    symbols: createSymbolDirectory(market, undefined, marketData.refreshBars),
    brainstorm: { builder, idleMs: config.brainstorm.idleMinutes * 60_000 },
    agents,
    snapshots,
    chartImages: createChartImages({ store: chartStore, charts: chartRepository, evaluations }),
    logger,
    audit: auditStack.audit,
    guardrails: auditStack.guardrails,
    explainer: auditStack.explainer,
    answers: createKnowledgeAnswerer({
      retriever: knowledge.retriever,
      guardrails: auditStack.guardrails,
      llm: auditStack.llm,
    }),
    llm: auditStack.llm,
    trading: createTradingServices({
      db,
      market,
      ...(options.now ? { now: options.now } : {}),
      userContext: (userId) => services.evaluation.userContext(userId),
    }),
    review: createReviewService({
      trades: createTradeRepository(db),
      evaluations,
      rulesAt: settings.rulesAt,
      reviews: createReviewRepository(db),
      jobs: createJobRepository(db),
      market,
      refreshBars: marketData.refreshBars,
      explainer: auditStack.llm ? auditStack.explainer : undefined,
      now: () => services.trading.now(),
      logger,
    }),
  };
  return {
    config,
    database,
    services,
    conversation: createConversation(services),
    marketData,
    knowledge,
    close: async () => {
      await knowledge.close();
      await renderer.close();
      await database.close();
    },
  };
}
