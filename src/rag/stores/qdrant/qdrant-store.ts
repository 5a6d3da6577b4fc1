import { QdrantClient } from '@qdrant/js-client-rest';
import { z } from 'zod';
import {
  DOMAINS,
  searchableText,
  type ChunkFilter,
  type Domain,
  type KnowledgeStore,
  type ScoredChunk,
  type SearchOptions,
  type StoredDocument,
} from '../../types.js';
import { mergeByScore, statsFromDocuments } from '../shared.js';
import { DEFAULT_BM25, documentSparseVector, querySparseVector, type Bm25Params } from './bm25-sparse.js';
import { pointIdFor } from './point-id.js';

export interface QdrantStoreOptions {
  url: string;
  apiKey?: string;
  /** Collection name prefix; one collection per domain: `${prefix}${domain}`. */
  collectionPrefix?: string;
  bm25?: Bm25Params;
  /** Points per upsert request. */
  batchSize?: number;
}

const DENSE = 'dense';
const SPARSE = 'bm25';
const KEYWORD_FIELDS = ['doc_path', 'tags', 'embedder', 'content_hash'] as const;

const Payload = z.object({
  chunk_id: z.string(),
  domain: z.enum(DOMAINS),
  doc_path: z.string(),
  title: z.string(),
  heading: z.string(),
  ordinal: z.number().int(),
  text: z.string(),
  tags: z.array(z.string()),
  content_hash: z.string(),
  embedder: z.string(),
});

/** `{ filter }` for a query, or nothing when there is no condition. */
function qdrantFilter(filter: ChunkFilter | undefined) {
  const must: { key: string; match: { value: string } | { any: string[] } }[] = [];
  if (filter?.docPath !== undefined) must.push({ key: 'doc_path', match: { value: filter.docPath } });
  if (filter?.tags) must.push({ key: 'tags', match: { any: filter.tags } });
  return must.length > 0 ? { filter: { must } } : {};
}

function toScored(point: {
  score: number;
  payload?: Record<string, unknown> | null | undefined;
}): ScoredChunk {
  const p = Payload.parse(point.payload ?? {});
  return {
    score: point.score,
    chunk: {
      id: p.chunk_id,
      domain: p.domain,
      docPath: p.doc_path,
      title: p.title,
      heading: p.heading,
      ordinal: p.ordinal,
      text: p.text,
      tags: p.tags,
      contentHash: p.content_hash,
    },
  };
}

/**
 * Knowledge in Qdrant: one collection per domain, created on first write with the embedder's
 * vector size and Cosine distance, a sparse `bm25` vector with Qdrant's IDF modifier for the
 * lexical side, and keyword payload indexes for filtering. Point ids are UUIDs derived from
 * chunk ids; a document is deleted by filtering on `doc_path`.
 */
export function createQdrantStore(options: QdrantStoreOptions): KnowledgeStore {
  // The version probe only prints to the console; a failing call reports far better.
  const client = new QdrantClient({
    url: options.url,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    checkCompatibility: false,
  });
  const prefix = options.collectionPrefix ?? 'knowledge_';
  const bm25 = options.bm25 ?? DEFAULT_BM25;
  const batchSize = options.batchSize ?? 128;
  const ready = new Map<Domain, number>();
  // Collections seen to exist: a query then costs one request, not two. Forgotten on clear().
  const known = new Set<Domain>();
  const name = (domain: Domain) => `${prefix}${domain}`;

  async function exists(domain: Domain): Promise<boolean> {
    if (known.has(domain)) return true;
    const found = (await client.collectionExists(name(domain))).exists;
    if (found) known.add(domain);
    return found;
  }

  async function existingDomains(): Promise<Domain[]> {
    const found = await Promise.all(DOMAINS.map(async (d) => ((await exists(d)) ? d : null)));
    return found.filter((d): d is Domain => d !== null);
  }

  /** Creates the collection on demand; a collection sized for another embedder is rebuilt. */
  async function ensureCollection(domain: Domain, size: number): Promise<void> {
    if (ready.get(domain) === size) return;
    if (await exists(domain)) {
      const info = await client.getCollection(name(domain));
      const vectors = info.config.params.vectors as
        | Record<string, { size?: number; distance?: string }>
        | undefined;
      if (vectors?.[DENSE]?.size === size) {
        ready.set(domain, size);
        return;
      }
      await client.deleteCollection(name(domain));
      known.delete(domain);
    }
    await client.createCollection(name(domain), {
      vectors: { [DENSE]: { size, distance: 'Cosine' } },
      sparse_vectors: { [SPARSE]: { modifier: 'idf' } },
    });
    for (const field of KEYWORD_FIELDS) {
      await client.createPayloadIndex(name(domain), {
        field_name: field,
        field_schema: 'keyword',
        wait: true,
      });
    }
    known.add(domain);
    ready.set(domain, size);
  }

  async function deleteIn(domain: Domain, docPath: string): Promise<number> {
    if (!(await exists(domain))) return 0;
    const filter = { must: [{ key: 'doc_path', match: { value: docPath } }] };
    const { count } = await client.count(name(domain), { filter, exact: true });
    if (count > 0) await client.delete(name(domain), { filter, wait: true });
    return count;
  }

  async function searchEach(
    options: SearchOptions,
    query: (domain: Domain) => Promise<ScoredChunk[]>,
  ): Promise<ScoredChunk[]> {
    const domains = options.domain
      ? (await exists(options.domain))
        ? [options.domain]
        : []
      : await existingDomains();
    const lists = await Promise.all(
      domains.map((domain) =>
        query(domain).catch((error: unknown) => {
          known.delete(domain); // perhaps dropped by another process: ask again next time
          throw error;
        }),
      ),
    );
    return mergeByScore(lists, options.k);
  }

  async function listDocuments(): Promise<StoredDocument[]> {
    const docs = new Map<string, StoredDocument>();
    for (const domain of await existingDomains()) {
      let offset: string | number | undefined;
      do {
        const page = await client.scroll(name(domain), {
          limit: 512,
          with_payload: ['doc_path', 'content_hash', 'embedder'],
          with_vector: false,
          ...(offset !== undefined ? { offset } : {}),
        });
        for (const point of page.points) {
          const p = Payload.pick({ doc_path: true, content_hash: true, embedder: true }).parse(
            point.payload ?? {},
          );
          const key = `${domain}\n${p.doc_path}\n${p.content_hash}\n${p.embedder}`;
          const doc = docs.get(key) ?? {
            domain,
            docPath: p.doc_path,
            contentHash: p.content_hash,
            embedder: p.embedder,
            chunks: 0,
          };
          doc.chunks += 1;
          docs.set(key, doc);
        }
        const next = page.next_page_offset;
        offset = typeof next === 'string' || typeof next === 'number' ? next : undefined;
      } while (offset !== undefined);
    }
    return [...docs.values()].sort((a, b) => a.docPath.localeCompare(b.docPath));
  }

  return {
    kind: 'qdrant',

    async replaceDocument(domain, docPath, chunks) {
      for (const d of await existingDomains()) await deleteIn(d, docPath);
      const first = chunks[0];
      if (!first) return;
      await ensureCollection(domain, first.vector.length);
      const indexedAt = new Date().toISOString();
      for (let i = 0; i < chunks.length; i += batchSize) {
        const points = chunks.slice(i, i + batchSize).map((c) => ({
          id: pointIdFor(c.id),
          vector: { [DENSE]: c.vector, [SPARSE]: documentSparseVector(searchableText(c), bm25) },
          payload: {
            chunk_id: c.id,
            domain: c.domain,
            doc_path: c.docPath,
            title: c.title,
            heading: c.heading,
            ordinal: c.ordinal,
            text: c.text,
            tags: c.tags,
            content_hash: c.contentHash,
            embedder: c.embedder,
            indexed_at: indexedAt,
          },
        }));
        await client.upsert(name(domain), { wait: true, points });
      }
    },

    deleteDocument: deleteIn,

    async clear() {
      for (const domain of await existingDomains()) await client.deleteCollection(name(domain));
      ready.clear();
      known.clear();
    },

    listDocuments,

    async stats() {
      return statsFromDocuments('qdrant', await listDocuments());
    },

    searchDense(vector, options) {
      return searchEach(options, async (domain) => {
        const result = await client.query(name(domain), {
          query: vector,
          using: DENSE,
          limit: options.k,
          with_payload: true,
          ...qdrantFilter(options.filter),
        });
        return result.points.map(toScored);
      });
    },

    searchLexical(text, options) {
      const sparse = querySparseVector(text);
      if (sparse.indices.length === 0) return Promise.resolve([]);
      return searchEach(options, async (domain) => {
        const result = await client.query(name(domain), {
          query: sparse,
          using: SPARSE,
          limit: options.k,
          with_payload: true,
          ...qdrantFilter(options.filter),
        });
        return result.points.map(toScored);
      });
    },
  };
}
