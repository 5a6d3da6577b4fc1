import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Retriever, RetrievalMode } from '../retrieval/retriever.js';
import { DOMAINS } from '../types.js';
import { meanScores, rankDocuments, scoreRanking, type Metrics } from './metrics.js';

export const EvalSet = z.object({
  version: z.literal(1),
  questions: z.array(
    z.object({
      id: z.string(),
      question: z.string().min(1),
      domain: z.enum(DOMAINS),
      relevant: z.array(z.string()).min(1),
    }),
  ),
});
export type EvalQuestion = z.infer<typeof EvalSet>['questions'][number];

export async function loadEvalSet(path: string): Promise<EvalQuestion[]> {
  return EvalSet.parse(JSON.parse(await readFile(path, 'utf8'))).questions;
}

/**
 * - `domain`: as an agent asks, inside the question's own namespace; only relevant documents of
 *   that namespace count (the others cannot be reached there).
 * - `corpus`: across every domain, every relevant document counts.
 */
export type EvalScope = 'domain' | 'corpus';

/** Chunks read per question before collapsing to documents: enough for 10 distinct documents. */
const CHUNK_DEPTH = 40;

export async function evaluate(
  retriever: Retriever,
  questions: readonly EvalQuestion[],
  mode: RetrievalMode,
  scope: EvalScope,
): Promise<Metrics> {
  const scores = [];
  for (const q of questions) {
    const relevant = new Set(
      scope === 'domain' ? q.relevant.filter((p) => p.split('/')[1] === q.domain) : q.relevant,
    );
    if (relevant.size === 0) continue;
    const hits = await retriever.retrieve(q.question, {
      k: CHUNK_DEPTH,
      mode,
      ...(scope === 'domain' ? { domain: q.domain } : {}),
    });
    scores.push(scoreRanking(rankDocuments(hits.map((h) => h.docPath)), relevant));
  }
  return meanScores(scores);
}
