import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalEmbeddings,
  searchableText,
  type Domain,
  type KnowledgeStore,
  type StoredChunk,
} from '../../src/rag/index.js';

/** What each store's test file provides: a fresh empty store, the same data reopened, cleanup. */
export interface StoreHarness {
  store: KnowledgeStore;
  /** A new store instance over the same persisted data. */
  reopen(): Promise<KnowledgeStore>;
  close(): Promise<void>;
}

const embeddings = createLocalEmbeddings({ dimensions: 128 });

const DOCS: { domain: Domain; docPath: string; tags: string[]; texts: string[] }[] = [
  {
    domain: 'risk',
    docPath: 'kb/risk/ruin.md',
    tags: ['ruin', 'sizing'],
    texts: [
      'Risk of ruin is the chance of losing so much capital that recovery becomes impossible. It rises quickly with position size.',
      'The Kelly criterion gives the bet fraction that maximises long-run growth; half Kelly trades some growth for much less variance.',
    ],
  },
  {
    domain: 'risk',
    docPath: 'kb/risk/heat.md',
    tags: ['heat', 'correlation'],
    texts: [
      'Portfolio heat is the total open risk of all positions if every stop were hit at once; correlated positions add up.',
    ],
  },
  {
    domain: 'technical',
    docPath: 'kb/technical/atr.md',
    tags: ['atr', 'stops'],
    texts: [
      'Average True Range measures how far a market typically moves in one bar. Place a stop two ATR away so noise does not reach it.',
      'A chandelier exit trails the stop three ATR below the highest high since entry.',
    ],
  },
  {
    domain: 'technical',
    docPath: 'kb/technical/rsi.md',
    tags: ['rsi', 'momentum'],
    texts: [
      'RSI divergence: price makes a higher high while the relative strength index makes a lower high, a sign of fading momentum.',
    ],
  },
];

async function chunksOf(doc: (typeof DOCS)[number], version = 'v1'): Promise<StoredChunk[]> {
  const base = doc.texts.map((text, ordinal) => ({
    id: `${doc.docPath}#${ordinal}:${version}`,
    domain: doc.domain,
    docPath: doc.docPath,
    title: doc.docPath.split('/').pop() ?? '',
    heading: `${doc.docPath} > part ${ordinal}`,
    ordinal,
    text,
    tags: doc.tags,
    contentHash: `hash-${doc.docPath}-${version}`,
  }));
  const vectors = await embeddings.embedDocuments(base.map((c) => searchableText(c)));
  return base.map((c, i) => ({ ...c, embedder: embeddings.id, vector: vectors[i] ?? [] }));
}

async function writeAll(store: KnowledgeStore): Promise<void> {
  for (const doc of DOCS) await store.replaceDocument(doc.domain, doc.docPath, await chunksOf(doc));
}

const paths = (hits: { chunk: { docPath: string } }[]) => hits.map((h) => h.chunk.docPath);

/** The behaviour every KnowledgeStore must have; each implementation's test file calls this. */
export function knowledgeStoreContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`KnowledgeStore contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: KnowledgeStore;

    beforeAll(async () => {
      harness = await open();
      store = harness.store;
      await writeAll(store);
    });
    afterAll(async () => harness.close());

    it('when a chunk is searched with its own vector, then it comes first with a cosine of 1', async () => {
      const [chunk] = await chunksOf(DOCS[0] as (typeof DOCS)[number]);
      const hits = await store.searchDense(chunk?.vector ?? [], { domain: 'risk', k: 3 });
      expect(hits[0]?.chunk.id).toBe(chunk?.id);
      expect(hits[0]?.score).toBeCloseTo(1, 4);
      expect(hits[0]?.chunk).toMatchObject({
        docPath: 'kb/risk/ruin.md',
        heading: 'kb/risk/ruin.md > part 0',
        tags: ['ruin', 'sizing'],
        ordinal: 0,
      });
    });

    it('when a domain is given, then only that namespace answers', async () => {
      const vector = await embeddings.embedQuery('risk of ruin and position size');
      const dense = await store.searchDense(vector, { domain: 'technical', k: 10 });
      const lexical = await store.searchLexical('risk of ruin and position size stop', {
        domain: 'technical',
        k: 10,
      });
      expect(dense.length).toBeGreaterThan(0);
      expect([...dense, ...lexical].every((h) => h.chunk.domain === 'technical')).toBe(true);
    });

    it('when no domain is given, then every namespace is searched and scores come best first', async () => {
      const hits = await store.searchDense(
        await embeddings.embedQuery('stop distance in ATR and risk of ruin'),
        { k: 10 },
      );
      expect(new Set(hits.map((h) => h.chunk.domain))).toEqual(new Set(['risk', 'technical']));
      expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    });

    it.each([
      ['kelly criterion', 'kb/risk/ruin.md', 'risk'],
      ['chandelier exit', 'kb/technical/atr.md', 'technical'],
      ['divergence', 'kb/technical/rsi.md', 'technical'],
    ] as const)(
      'when lexical search is asked for "%s", then %s ranks first',
      async (query, docPath, domain) => {
        const hits = await store.searchLexical(query, { domain, k: 5 });
        expect(hits[0]?.chunk.docPath).toBe(docPath);
        expect(hits[0]?.score).toBeGreaterThan(0);
      },
    );

    it('when the query shares no term with any chunk, then lexical search returns nothing', async () => {
      expect(await store.searchLexical('zyzzyva quokka', { k: 5 })).toEqual([]);
    });

    it('when k is smaller than the matches, then at most k come back', async () => {
      expect(await store.searchDense(await embeddings.embedQuery('stop'), { k: 2 })).toHaveLength(2);
    });

    it.each([
      [{ docPath: 'kb/risk/heat.md' }, ['kb/risk/heat.md']],
      [{ tags: ['sizing', 'rsi'] }, ['kb/risk/ruin.md', 'kb/technical/rsi.md']],
      [{ tags: ['nothing-has-this'] }, []],
    ])('when the filter is %j, then only matching chunks come back', async (filter, allowed) => {
      const dense = await store.searchDense(await embeddings.embedQuery('risk stop momentum'), {
        k: 10,
        filter,
      });
      const lexical = await store.searchLexical('risk stop momentum kelly divergence heat', {
        k: 10,
        filter,
      });
      expect(new Set(paths(dense))).toEqual(new Set(allowed));
      expect(new Set(paths(lexical))).toEqual(new Set(allowed));
    });

    it('when documents are listed, then each has its domain, hash, embedder and chunk count', async () => {
      const docs = await store.listDocuments();
      expect(docs.find((d) => d.docPath === 'kb/technical/atr.md')).toEqual({
        domain: 'technical',
        docPath: 'kb/technical/atr.md',
        contentHash: 'hash-kb/technical/atr.md-v1',
        embedder: embeddings.id,
        chunks: 2,
      });
      const stats = await store.stats();
      expect(stats.domains).toEqual({
        technical: { documents: 2, chunks: 3 },
        fundamental: { documents: 0, chunks: 0 },
        sentiment: { documents: 0, chunks: 0 },
        risk: { documents: 2, chunks: 3 },
      });
      expect(stats.embedders).toEqual([embeddings.id]);
    });

    it('when the store is reopened, then what was written is still there', async () => {
      const reopened = await harness.reopen();
      expect((await reopened.stats()).domains.risk.chunks).toBe(3);
      expect(paths(await reopened.searchLexical('kelly', { domain: 'risk', k: 1 }))).toEqual([
        'kb/risk/ruin.md',
      ]);
    });

    it('when a document is replaced, then its old chunks are gone and the new ones are found', async () => {
      const doc = {
        ...(DOCS[3] as (typeof DOCS)[number]),
        texts: ['Stochastic oscillator crossings near 20 and 80 mark short-term extremes.'],
      };
      await store.replaceDocument('technical', doc.docPath, await chunksOf(doc, 'v2'));
      expect(paths(await store.searchLexical('divergence', { domain: 'technical', k: 5 }))).not.toContain(
        'kb/technical/rsi.md',
      );
      const hits = await store.searchLexical('stochastic oscillator', { domain: 'technical', k: 5 });
      expect(hits[0]?.chunk).toMatchObject({
        docPath: 'kb/technical/rsi.md',
        id: 'kb/technical/rsi.md#0:v2',
        contentHash: 'hash-kb/technical/rsi.md-v2',
      });
      expect((await store.listDocuments()).filter((d) => d.docPath === doc.docPath)).toHaveLength(1);
    });

    it('when a document is deleted, then its chunk count is returned and nothing of it is found', async () => {
      expect(await store.deleteDocument('technical', 'kb/technical/atr.md')).toBe(2);
      expect(await store.deleteDocument('technical', 'kb/technical/atr.md')).toBe(0);
      const hits = await store.searchDense(await embeddings.embedQuery('average true range stop'), {
        domain: 'technical',
        k: 10,
      });
      expect(paths(hits)).not.toContain('kb/technical/atr.md');
      expect((await store.stats()).domains.technical).toEqual({ documents: 1, chunks: 1 });
    });

    it('when cleared, then the store is empty and searches return nothing', async () => {
      await store.clear();
      expect(await store.listDocuments()).toEqual([]);
      expect(await store.searchLexical('kelly', { k: 5 })).toEqual([]);
      expect(await store.searchDense(await embeddings.embedQuery('kelly'), { k: 5 })).toEqual([]);
    });
  });
}
