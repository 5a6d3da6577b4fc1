import type { KnowledgeChunkRow, KnowledgeRepository } from '../../db/index.js';
import {
  DOMAINS,
  searchableText,
  type ChunkFilter,
  type Domain,
  type KnowledgeStore,
  type ScoredChunk,
  type SearchOptions,
  type StoredChunk,
  type StoreStats,
} from '../types.js';
import { DenseMatrix } from './dense-matrix.js';
import { Bm25Index } from './bm25-index.js';
import { mergeByScore, statsFromDocuments } from './shared.js';

export function matchesFilter(
  chunk: Pick<StoredChunk, 'docPath' | 'tags'>,
  filter: ChunkFilter | undefined,
): boolean {
  if (!filter) return true;
  if (filter.docPath !== undefined && chunk.docPath !== filter.docPath) return false;
  if (filter.tags !== undefined && !filter.tags.some((tag) => chunk.tags.includes(tag))) return false;
  return true;
}

/** One namespace's in-memory search structures, rebuilt when its chunks change. */
interface Namespace {
  chunks: StoredChunk[];
  dense: DenseMatrix | null;
  lexical: Bm25Index;
}

function buildNamespace(chunks: StoredChunk[]): Namespace {
  const dimensions = chunks[0]?.vector.length ?? 0;
  return {
    chunks,
    dense:
      dimensions > 0
        ? new DenseMatrix(
            dimensions,
            chunks.map((c) => c.vector),
          )
        : null,
    lexical: new Bm25Index(chunks.map((c) => searchableText(c))),
  };
}

function fromRow(row: KnowledgeChunkRow): StoredChunk {
  return {
    id: row.id,
    domain: row.domain,
    docPath: row.docPath,
    title: row.title,
    heading: row.heading,
    ordinal: row.ordinal,
    text: row.text,
    tags: row.tags,
    contentHash: row.contentHash,
    embedder: row.embedder,
    vector: row.vector,
  };
}

export interface EmbeddedStoreDeps {
  repository: KnowledgeRepository;
}

/**
 * The default store: chunks and vectors persist in the project database (`knowledge_chunks`),
 * search runs in memory (a dense matrix and a BM25 index per domain) built from the table on
 * first use. Another process writing the same table is seen after `reload()`.
 */
export function createEmbeddedStore(deps: EmbeddedStoreDeps): KnowledgeStore & { reload(): Promise<void> } {
  const { repository } = deps;
  /** docPath -> chunks, per domain: the in-memory copy of the table. */
  let documents: Map<Domain, Map<string, StoredChunk[]>> | null = null;
  const namespaces = new Map<Domain, Namespace>();
  let loading: Promise<Map<Domain, Map<string, StoredChunk[]>>> | null = null;

  async function load(): Promise<Map<Domain, Map<string, StoredChunk[]>>> {
    if (documents) return documents;
    loading ??= (async () => {
      try {
        const byDomain = new Map<Domain, Map<string, StoredChunk[]>>(DOMAINS.map((d) => [d, new Map()]));
        for (const row of await repository.loadAll()) {
          const docs = byDomain.get(row.domain);
          if (!docs) continue;
          const list = docs.get(row.docPath) ?? [];
          list.push(fromRow(row));
          docs.set(row.docPath, list);
        }
        namespaces.clear();
        documents = byDomain;
        return byDomain;
      } finally {
        loading = null; // a failed load is retried by the next call
      }
    })();
    return loading;
  }

  async function namespace(domain: Domain): Promise<Namespace> {
    const docs = (await load()).get(domain) ?? new Map<string, StoredChunk[]>();
    let ns = namespaces.get(domain);
    if (!ns) {
      ns = buildNamespace([...docs.values()].flat());
      namespaces.set(domain, ns);
    }
    return ns;
  }

  async function searchEach(
    options: SearchOptions,
    run: (
      ns: Namespace,
      accept: ((row: number) => boolean) | undefined,
    ) => { index: number; score: number }[],
  ): Promise<ScoredChunk[]> {
    const domains = options.domain ? [options.domain] : [...DOMAINS];
    const lists = await Promise.all(
      domains.map(async (domain) => {
        const ns = await namespace(domain);
        const filter = options.filter;
        const accept = filter
          ? (row: number) => matchesFilter(ns.chunks[row] ?? { docPath: '', tags: [] }, filter)
          : undefined;
        return run(ns, accept).flatMap(({ index, score }) => {
          const chunk = ns.chunks[index];
          return chunk ? [{ chunk, score }] : [];
        });
      }),
    );
    return mergeByScore(lists, options.k);
  }

  return {
    kind: 'embedded',

    async replaceDocument(domain, docPath, chunks) {
      await repository.replaceDocument(
        docPath,
        chunks.map((c) => ({ ...c, indexedAt: new Date() })),
      );
      const all = await load();
      for (const [d, docs] of all) {
        if (docs.delete(docPath)) namespaces.delete(d);
      }
      if (chunks.length > 0) all.get(domain)?.set(docPath, chunks);
      namespaces.delete(domain);
    },

    async deleteDocument(domain, docPath) {
      const deleted = await repository.deleteDocument(docPath);
      (await load()).get(domain)?.delete(docPath);
      namespaces.delete(domain);
      return deleted;
    },

    async clear() {
      await repository.clear();
      documents = null;
      namespaces.clear();
    },

    async listDocuments() {
      const all = await load();
      return [...all.values()].flatMap((docs) =>
        [...docs.values()].flatMap((chunks) => {
          const first = chunks[0];
          return first
            ? [
                {
                  domain: first.domain,
                  docPath: first.docPath,
                  contentHash: first.contentHash,
                  embedder: first.embedder,
                  chunks: chunks.length,
                },
              ]
            : [];
        }),
      );
    },

    async stats(): Promise<StoreStats> {
      return statsFromDocuments('embedded', await this.listDocuments());
    },

    searchDense(vector, options) {
      return searchEach(options, (ns, accept) =>
        ns.dense && ns.dense.dimensions === vector.length ? ns.dense.search(vector, options.k, accept) : [],
      );
    },

    searchLexical(query, options) {
      return searchEach(options, (ns, accept) => ns.lexical.search(query, options.k, accept));
    },

    async reload() {
      documents = null;
      namespaces.clear();
      await load();
    },
  };
}
