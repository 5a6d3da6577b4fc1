import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createLocalEmbeddings,
  createQdrantStore,
  searchableText,
  type StoredChunk,
} from '../../src/rag/index.js';
import { documentSparseVector, querySparseVector } from '../../src/rag/stores/qdrant/bm25-sparse.js';
import { pointIdFor } from '../../src/rag/stores/qdrant/point-id.js';
import { startFakeQdrant, type FakeQdrant } from '../helpers/fake-qdrant-server.js';

async function chunk(text: string, dimensions = 64, docPath = 'kb/risk/a.md'): Promise<StoredChunk> {
  const embeddings = createLocalEmbeddings({ dimensions });
  const base = {
    id: `${docPath}#0`,
    domain: 'risk' as const,
    docPath,
    title: 'A',
    heading: 'A',
    ordinal: 0,
    text,
    tags: ['t'],
    contentHash: 'h',
  };
  return { ...base, embedder: embeddings.id, vector: await embeddings.embedQuery(searchableText(base)) };
}

describe('Qdrant store against the local REST fake', () => {
  let server: FakeQdrant;
  beforeEach(async () => {
    server = await startFakeQdrant();
  });
  afterEach(async () => server.close());

  it('when the first chunk of a domain is written, then its collection is created with the vector size, Cosine, a BM25 sparse vector and payload indexes', async () => {
    await createQdrantStore({ url: server.url }).replaceDocument('risk', 'kb/risk/a.md', [
      await chunk('position sizing'),
    ]);
    const create = server.requests.find(
      (r) => r.method === 'PUT' && r.path === '/collections/knowledge_risk',
    );
    expect(create?.body).toMatchObject({
      vectors: { dense: { size: 64, distance: 'Cosine' } },
      sparse_vectors: { bm25: { modifier: 'idf' } },
    });
    const indexed = server.requests
      .filter((r) => r.path === '/collections/knowledge_risk/index')
      .map((r) => r.body);
    expect(indexed).toEqual(
      ['doc_path', 'tags', 'embedder', 'content_hash'].map((field_name) => ({
        field_name,
        field_schema: 'keyword',
      })),
    );
    expect([...server.collections.keys()]).toEqual(['knowledge_risk']);
  });

  it('when the same chunk is written twice, then it stays one point with its deterministic UUID', async () => {
    const store = createQdrantStore({ url: server.url });
    const c = await chunk('position sizing');
    await store.replaceDocument('risk', c.docPath, [c]);
    await store.replaceDocument('risk', c.docPath, [c]);
    expect([...(server.collections.get('knowledge_risk')?.points.keys() ?? [])]).toEqual([pointIdFor(c.id)]);
  });

  it('when a document is deleted, then the points are selected by a doc_path filter', async () => {
    const store = createQdrantStore({ url: server.url });
    await store.replaceDocument('risk', 'kb/risk/a.md', [await chunk('position sizing')]);
    await store.replaceDocument('risk', 'kb/risk/b.md', [await chunk('portfolio heat', 64, 'kb/risk/b.md')]);
    expect(await store.deleteDocument('risk', 'kb/risk/a.md')).toBe(1);
    const del = server.requests.filter((r) => r.path === '/collections/knowledge_risk/points/delete').at(-1);
    expect(del?.body).toMatchObject({
      filter: { must: [{ key: 'doc_path', match: { value: 'kb/risk/a.md' } }] },
    });
    expect((await store.listDocuments()).map((d) => d.docPath)).toEqual(['kb/risk/b.md']);
  });

  it('when vectors of another size arrive (a new embedder), then the collection is rebuilt for that size', async () => {
    const store = createQdrantStore({ url: server.url });
    await store.replaceDocument('risk', 'kb/risk/a.md', [await chunk('position sizing', 64)]);
    await createQdrantStore({ url: server.url }).replaceDocument('risk', 'kb/risk/a.md', [
      await chunk('position sizing', 32),
    ]);
    expect(server.collections.get('knowledge_risk')?.dense).toEqual({
      dense: { size: 32, distance: 'Cosine' },
    });
  });

  it('when a collection prefix is set, then collections are named with it', async () => {
    await createQdrantStore({ url: server.url, collectionPrefix: 'team1_' }).replaceDocument(
      'risk',
      'kb/risk/a.md',
      [await chunk('x y')],
    );
    expect([...server.collections.keys()]).toEqual(['team1_risk']);
  });

  it('when the server wants an API key, then the configured key is sent and a missing one fails', async () => {
    const secured = await startFakeQdrant({ apiKey: 'k-123' });
    try {
      await expect(createQdrantStore({ url: secured.url, apiKey: 'k-123' }).stats()).resolves.toMatchObject({
        kind: 'qdrant',
      });
      await expect(createQdrantStore({ url: secured.url }).stats()).rejects.toThrow();
    } finally {
      await secured.close();
    }
  });
});

describe('BM25 sparse vectors and point ids', () => {
  it('when a term repeats, then its weight grows but saturates below k1 + 1', () => {
    const once = documentSparseVector('kelly');
    const many = documentSparseVector('kelly kelly kelly kelly kelly kelly kelly kelly');
    expect(once.indices).toEqual(many.indices);
    expect(many.values[0]).toBeGreaterThan(once.values[0] ?? 0);
    expect(many.values[0]).toBeLessThan(2.2);
  });

  it('when a query repeats a word, then it is one index with weight 1; stop words add nothing', () => {
    expect(querySparseVector('the kelly and the Kelly')).toEqual({
      indices: querySparseVector('kelly').indices,
      values: [1],
    });
    expect(querySparseVector('the and of')).toEqual({ indices: [], values: [] });
  });

  it('when ids are derived, then they are stable RFC 4122 version-5 UUIDs, one per chunk id', () => {
    const id = pointIdFor('abc');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(pointIdFor('abc')).toBe(id);
    expect(pointIdFor('abd')).not.toBe(id);
  });
});
