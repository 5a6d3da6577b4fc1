import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeRepository, type Database } from '../../src/db/index.js';
import { openPglite } from '../helpers/databases.js';
import { evaluate, loadEvalSet, type EvalQuestion } from '../../src/rag/evaluation/eval-set.js';
import {
  createEmbeddedStore,
  createKnowledgeIndexer,
  createLocalEmbeddings,
  createRetriever,
  type Retriever,
} from '../../src/rag/index.js';

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));
const EVAL = fileURLToPath(new URL('../fixtures/retrieval-eval.json', import.meta.url));
const MIN_QUESTIONS = 80;

describe('retrieval over the repository knowledge base (embedded store, local embedder)', () => {
  let database: Database;
  let retriever: Retriever;
  let questions: EvalQuestion[] = [];

  beforeAll(async () => {
    database = await openPglite();
    const store = createEmbeddedStore({ repository: createKnowledgeRepository(database.db) });
    const embeddings = createLocalEmbeddings();
    const report = await createKnowledgeIndexer({ store, embeddings, dirs: [KNOWLEDGE] }).indexAll();
    expect(report.skipped).toEqual([]);
    retriever = createRetriever({ store, embeddings });
    if (existsSync(EVAL)) questions = await loadEvalSet(EVAL);
  });
  afterAll(async () => database.close());

  it('when an agent asks within its domain, then every hit is from that domain and carries its provenance', async () => {
    const hits = await retriever.retrieve('how many shares should I buy if I risk 1% of my account', {
      domain: 'risk',
      k: 5,
    });
    expect(hits).toHaveLength(5);
    for (const hit of hits) {
      expect(hit.domain).toBe('risk');
      expect(hit.docPath).toMatch(/^knowledge\/risk\/[a-z0-9-]+\.md$/);
      expect(hit.chunkId).toMatch(/^[0-9a-f]{32}$/);
      expect(hit.heading.length).toBeGreaterThan(0);
      expect(hit.lexicalRank ?? hit.denseRank).toBeDefined();
    }
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(hits.map((h) => h.docPath)).toContain('knowledge/risk/position-sizing-fixed-fractional.md');
  });

  it.each(['lexical', 'dense', 'hybrid'] as const)(
    "when the mode is %s, then k hits come back with that list's rank",
    async (mode) => {
      const hits = await retriever.retrieve('RSI divergence', { domain: 'technical', k: 3, mode });
      expect(hits).toHaveLength(3);
      expect(hits[0]?.docPath).toBe('knowledge/technical/rsi-and-divergences.md');
      if (mode === 'lexical') expect(hits.map((h) => h.lexicalRank)).toEqual([1, 2, 3]);
      if (mode === 'dense') expect(hits.map((h) => h.denseRank)).toEqual([1, 2, 3]);
    },
  );

  it('when the query is blank, then nothing is retrieved', async () => {
    expect(await retriever.retrieve('   ', { k: 5 })).toEqual([]);
  });

  it.for(['domain', 'corpus'] as const)(
    'when scored on the labelled questions (%s scope), then hybrid is not below lexical-only on nDCG@10',
    async (scope, ctx) => {
      if (questions.length < MIN_QUESTIONS) {
        ctx.skip(
          `retrieval-eval.json has ${questions.length} questions (< ${MIN_QUESTIONS}): skipped until the set is complete`,
        );
      }
      const lexical = await evaluate(retriever, questions, 'lexical', scope);
      const hybrid = await evaluate(retriever, questions, 'hybrid', scope);
      expect(hybrid.queries).toBe(lexical.queries);
      expect(hybrid.ndcgAt10).toBeGreaterThanOrEqual(lexical.ndcgAt10);
    },
  );
});
