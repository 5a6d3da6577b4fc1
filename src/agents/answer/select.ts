import type { RetrievedChunk } from '../../rag/index.js';
import { questionTerms, termsIn } from './question-terms.js';

/**
 * Below this strength the knowledge base is taken not to cover the question. Chosen on the
 * `tune` split of test/fixtures/answer-questions.json with the local embedder (bench/conversation.ts
 * prints the accuracy on both splits); another embedder has other similarities and needs its own.
 */
export const DEFAULT_MIN_STRENGTH = 0.425;

/**
 * A passage after the first must clear the threshold by this much: further passages are where
 * wrong documents creep in (citation precision on the tune split: 0.926 at 0, 0.975 at 0.15,
 * with 2.4 instead of 2.9 passages per answer).
 */
export const EXTRA_PASSAGE_MARGIN = 0.15;

/** Weight of the share of question terms found in the best passage, added to its similarity. */
const COVERAGE_WEIGHT = 0.25;

/** Share of the question's content terms that occur in a passage (its title and heading count). */
export function coverage(question: string, hit: Pick<RetrievedChunk, 'title' | 'heading' | 'text'>): number {
  const terms = questionTerms(question);
  if (terms.length === 0) return 0;
  return termsIn(terms, `${hit.title} ${hit.heading} ${hit.text}`) / terms.length;
}

/**
 * How well the best passage fits the question, comparable across questions (fused ranks are
 * not): the best cosine similarity among the hits plus a quarter of the top hit's term coverage.
 */
export function retrievalStrength(question: string, hits: readonly RetrievedChunk[]): number {
  const top = hits[0];
  if (!top) return 0;
  const similarity = Math.max(0, ...hits.map((h) => h.similarity ?? 0));
  return similarity + COVERAGE_WEIGHT * coverage(question, top);
}

export interface SelectOptions {
  /** Passages quoted at most (default 3). */
  max?: number;
  /** The retrieval threshold; a passage after the first needs this plus `margin` on its own. */
  minStrength?: number;
  margin?: number;
}

/**
 * The passages to quote: the best hit always, then further hits that fit the question clearly on
 * their own (same strength measure, threshold plus margin) under a heading not quoted yet, at most `max`.
 */
export function selectPassages(
  question: string,
  hits: readonly RetrievedChunk[],
  options: SelectOptions = {},
): RetrievedChunk[] {
  const max = options.max ?? 3;
  const min = options.minStrength ?? DEFAULT_MIN_STRENGTH;
  const margin = options.margin ?? EXTRA_PASSAGE_MARGIN;
  const chosen: RetrievedChunk[] = [];
  const seen = new Set<string>();
  for (const [i, hit] of hits.entries()) {
    if (chosen.length >= max) break;
    const key = `${hit.docPath}#${hit.heading}`;
    if (seen.has(key)) continue;
    const own = (hit.similarity ?? 0) + COVERAGE_WEIGHT * coverage(question, hit);
    if (i > 0 && own < min + margin) continue;
    seen.add(key);
    chosen.push(hit);
  }
  return chosen;
}
