import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import type { Ingestor } from '../market/ingest/index.js';
import type { KnowledgeBase } from '../rag/index.js';
import type { Conversation } from './conversation/index.js';
import type { BotServices } from './services.js';

/** The running app as the surfaces and `buddy` commands see it; src/app.ts builds it. */
export interface App {
  config: Config;
  database: Database;
  services: BotServices;
  conversation: Conversation;
  /** Knowledge base (src/rag): indexer, store, retriever; synced in the background at start. */
  knowledge: KnowledgeBase;
  /** The live market data ingestor, when MARKET_DATA_PROVIDER names a provider. */
  marketData?: { ingestor: Ingestor | undefined };
  close(): Promise<void>;
}
