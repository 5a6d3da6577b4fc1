import { lexicalTerms } from '../text/tokens.js';

/**
 * A chunk's sentences in order: hard-wrapped paragraphs rejoined, cut at list items and sentence
 * ends, headings dropped, whitespace collapsed.
 */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)/)
    .filter((p) => !/^#{1,6}\s/.test(p.trim()))
    .flatMap((p) =>
      p
        .replace(/\s+/g, ' ')
        .trim()
        .split(/(?<=[.!?])\s+(?=[A-Z(\d"])/),
    )
    .filter((s) => s.length > 0);
}

/**
 * The sentence of a chunk that shares the most terms with the query (the first one on a tie),
 * whitespace collapsed and cut to `max` characters: what a person scanning results needs.
 */
export function snippet(text: string, query: string, max = 200): string {
  const wanted = new Set(lexicalTerms(query));
  const sentences = sentencesOf(text);
  let best = sentences[0] ?? '';
  let bestScore = -1;
  for (const sentence of sentences) {
    const score = new Set(lexicalTerms(sentence).filter((t) => wanted.has(t))).size;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best.length > max ? `${best.slice(0, max - 1).trimEnd()}…` : best;
}
