import { sentencesOf } from '../../rag/index.js';
import { questionTerms, termsIn } from './question-terms.js';

export interface TrimOptions {
  /** Sentences kept per passage (default 3). */
  maxSentences?: number;
  /** Characters of one sentence before it is cut with an ellipsis (default 320). */
  maxSentenceChars?: number;
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/**
 * The sentences of a passage that answer the question: those sharing the most content terms
 * with it, kept in the passage's own order so the quote still reads as written. A passage that
 * shares no term (found by meaning, not words) keeps its opening sentences.
 */
export function trimToAnswer(text: string, question: string, options: TrimOptions = {}): string {
  const max = options.maxSentences ?? 3;
  const chars = options.maxSentenceChars ?? 320;
  const terms = questionTerms(question);
  const sentences = sentencesOf(text).map((s, i) => ({ s, i, score: termsIn(terms, s) }));
  const scored = sentences.filter((x) => x.score > 0);
  const chosen = (scored.length > 0 ? [...scored].sort((a, b) => b.score - a.score || a.i - b.i) : sentences)
    .slice(0, max)
    .sort((a, b) => a.i - b.i);
  // Sentences left out between two quoted ones are marked, so the quote never reads as continuous.
  return chosen
    .map((x, k) => `${k > 0 && x.i - (chosen[k - 1]?.i ?? 0) > 1 ? '… ' : ''}${cut(x.s, chars)}`)
    .join(' ');
}
