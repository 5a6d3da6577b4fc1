import type { Logger } from 'pino';
import type { KnowledgeRepository } from '../db/index.js';
import { createLocalEmbeddings } from './embeddings/local-embeddings.js';
import { createOpenAiCompatibleEmbeddings } from './embeddings/openai-compatible-embeddings.js';
import { createKnowledgeIndexer, type IndexReport, type KnowledgeIndexer } from './indexing/indexer.js';
import { createRetriever, type Retriever } from './retrieval/retriever.js';
import { createEmbeddedStore } from './stores/embedded-store.js';
import { createQdrantStore } from './stores/qdrant/qdrant-store.js';
import type { KnowledgeEmbeddings, KnowledgeStore } from './types.js';

/** The knowledge part of the config (src/config.ts builds it from the environment). */
export interface KnowledgeSettings {
  dirs: readonly string[];
  qdrant?: { url: string; apiKey?: string | undefined } | undefined;
  embeddings:
    | { kind: 'local' }
    | { kind: 'openai-compatible'; baseUrl: string; model: string; apiKey?: string | undefined };
}

export interface KnowledgeBase {
  store: KnowledgeStore;
  embeddings: KnowledgeEmbeddings;
  indexer: KnowledgeIndexer;
  /** Hybrid retrieval; a query made while the start-up sync runs waits for it. */
  retriever: Retriever;
  /** One incremental indexing run (`buddy kb index`), after any run in progress. */
  index(): Promise<IndexReport>;
  /**
   * Starts an incremental sync in the background, so start-up is not held up: the first start
   * indexes everything, later ones only what changed (or everything after a change of embedder).
   */
  startSync(): void;
  /** The start-up sync's report; null when none ran or it failed (failures are logged, not thrown). */
  synced(): Promise<IndexReport | null>;
  /** Stops a running sync after its current document; the next start carries on from there. */
  close(): Promise<void>;
}

export interface KnowledgeBaseDeps {
  settings: KnowledgeSettings;
  repository: KnowledgeRepository;
  logger: Pick<Logger, 'warn' | 'info' | 'error'>;
}

function embeddingsFor(settings: KnowledgeSettings['embeddings']): KnowledgeEmbeddings {
  if (settings.kind === 'local') return createLocalEmbeddings();
  return createOpenAiCompatibleEmbeddings({
    baseUrl: settings.baseUrl,
    model: settings.model,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
  });
}

/** Wires embeddings, store (Qdrant when configured, else the database), indexer and retriever. */
export function createKnowledgeBase(deps: KnowledgeBaseDeps): KnowledgeBase {
  const { settings, logger } = deps;
  const embeddings = embeddingsFor(settings.embeddings);
  const store = settings.qdrant
    ? createQdrantStore({
        url: settings.qdrant.url,
        ...(settings.qdrant.apiKey ? { apiKey: settings.qdrant.apiKey } : {}),
      })
    : createEmbeddedStore({ repository: deps.repository });
  const indexer = createKnowledgeIndexer({ store, embeddings, dirs: settings.dirs, logger });
  const inner = createRetriever({ store, embeddings });
  const abort = new AbortController();
  let sync: Promise<IndexReport | null> = Promise.resolve(null);
  // Runs one after another: two indexers interleaving on one store would undo each other's work.
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    store,
    embeddings,
    indexer,
    retriever: {
      async retrieve(query, options) {
        await sync;
        return inner.retrieve(query, options);
      },
    },
    index: () => serialised(() => indexer.indexAll({ signal: abort.signal })),
    startSync() {
      sync = serialised(() => indexer.indexAll({ signal: abort.signal })).then(
        (report) => {
          const changed = report.documents.added + report.documents.updated + report.documents.removed;
          if (changed > 0 || report.skipped.length > 0) {
            logger.info(
              { domains: report.domains, documents: report.documents, skipped: report.skipped.length },
              'knowledge base synced',
            );
          }
          return report;
        },
        (error: unknown) => {
          if (!abort.signal.aborted)
            logger.error(
              { err: error },
              'knowledge base sync failed: retrieval uses what is stored; `buddy kb index` retries',
            );
          return null;
        },
      );
    },
    synced: () => sync,
    async close() {
      abort.abort();
      await queue;
    },
  };
}
