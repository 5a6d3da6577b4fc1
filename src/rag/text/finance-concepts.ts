import { CONCEPTS } from './finance-concept-table.js';
import { words } from './tokens.js';

// Matches the phrases of finance-concept-table.ts in a word sequence.

interface Phrase {
  words: string[];
  concept: string;
}

const BY_FIRST_WORD = new Map<string, Phrase[]>();
for (const [concept, phrases] of Object.entries(CONCEPTS)) {
  for (const phrase of phrases) {
    const phraseWords = words(phrase);
    const first = phraseWords[0];
    if (first === undefined) continue;
    const list = BY_FIRST_WORD.get(first) ?? [];
    list.push({ words: phraseWords, concept });
    BY_FIRST_WORD.set(first, list);
  }
}
for (const list of BY_FIRST_WORD.values()) list.sort((a, b) => b.words.length - a.words.length);

/** The concepts named in a word sequence, longest phrase first at each position. */
export function findConcepts(sequence: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < sequence.length; i++) {
    const candidates = BY_FIRST_WORD.get(sequence[i] ?? '');
    if (!candidates) continue;
    const match = candidates.find((p) => p.words.every((w, j) => sequence[i + j] === w));
    if (match) {
      found.push(match.concept);
      i += match.words.length - 1;
    }
  }
  return found;
}
