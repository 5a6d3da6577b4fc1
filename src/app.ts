import type { Logger } from 'pino';
import { createConversation, type Conversation } from './bot/conversation/index.js';
import { createSymbolDirectory, type BotServices } from './bot/services.js';
import type { Config } from './config.js';
import {
  createConversationRepository, createEvaluationRepository, createMarketRepository, createUserRepository, openDatabase, type Database,
} from './db/index.js';
import { createEvaluationService, createRegistry, EVALUATORS } from './evaluators/index.js';
import { createContextPackBuilder } from './market/context/index.js';
import { loadDemoData } from './market/data/index.js';

export interface App {
  config: Config;
  database: Database;
  services: BotServices;
  conversation: Conversation;
  close(): Promise<void>;
}

/** Builds every service from the config: the composition root shared by `npm start`, the CLI and tests. */
export async function buildApp(config: Config, logger: Logger, options: { database?: Database } = {}): Promise<App> {
  const database =
    options.database ??
    (await openDatabase(config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dir: config.database.dir }, {
      onIdleError: (error) => logger.warn({ err: error }, 'idle database connection dropped'),
    }));
  const { db } = database;
  const market = createMarketRepository(db);
  if (config.demoData) {
    const loaded = await loadDemoData(market);
    if (loaded.barsAdded > 0) logger.info(loaded, 'demo data loaded');
  }
  const users = createUserRepository(db);
  const evaluations = createEvaluationRepository(db);
  const registry = createRegistry(EVALUATORS);
  const builder = createContextPackBuilder({ market });
  const services: BotServices = {
    evaluation: createEvaluationService({ builder, registry, evaluations, users, defaults: config.defaults, timeoutMs: config.evaluatorTimeoutMs }),
    market,
    users,
    conversations: createConversationRepository(db),
    evaluations,
    symbols: createSymbolDirectory(market),
    logger,
  };
  return {
    config,
    database,
    services,
    conversation: createConversation(services),
    close: () => database.close(),
  };
}
