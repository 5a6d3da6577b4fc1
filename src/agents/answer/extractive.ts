import type { RetrievedChunk } from '../../rag/index.js';
import { DEFAULT_MIN_STRENGTH, retrievalStrength, selectPassages } from './select.js';
import { trimToAnswer } from './trim.js';
import type { AnswerPassage, KnowledgeAnswer } from './types.js';
import { workedNumber } from './worked-number.js';

export interface ExtractiveOptions {
  minStrength?: number;
  maxPassages?: number;
  /** See `EXTRA_PASSAGE_MARGIN`. */
  margin?: number;
}

export function toPassage(hit: RetrievedChunk, question: string): AnswerPassage {
  return {
    chunkId: hit.chunkId,
    docPath: hit.docPath,
    title: hit.title,
    heading: hit.heading,
    quote: trimToAnswer(hit.text, question),
    similarity: hit.similarity ?? 0,
  };
}

/**
 * The answer without a model: the best passages quoted (trimmed to the sentences that answer),
 * each cited, plus the worked number when the question carries one. Weak retrieval gives
 * `not-covered` with the nearest documents, never a quote from the wrong one. Pure.
 */
export function extractiveAnswer(
  question: string,
  hits: readonly RetrievedChunk[],
  options: ExtractiveOptions = {},
): KnowledgeAnswer {
  const min = options.minStrength ?? DEFAULT_MIN_STRENGTH;
  const strength = retrievalStrength(question, hits);
  const worked = workedNumber(question);
  if (strength < min) {
    const nearest = [
      ...new Map(hits.map((h) => [h.docPath, { title: h.title, docPath: h.docPath }])).values(),
    ];
    return { kind: 'not-covered', question, nearest: nearest.slice(0, 3), worked, strength };
  }
  const passages = selectPassages(question, hits, {
    minStrength: min,
    ...(options.maxPassages ? { max: options.maxPassages } : {}),
    ...(options.margin === undefined ? {} : { margin: options.margin }),
  }).map((hit) => toPassage(hit, question));
  return { kind: 'answer', mode: 'extractive', question, passages, sentences: [], worked, strength };
}
