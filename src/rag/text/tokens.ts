import { stemmer } from 'stemmer';
import { eng } from 'stopword';

const STOPWORDS = new Set(eng);
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words and numbers, accents folded; punctuation separates words. */
export function words(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(WORD) ?? [];
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

const stemCache = new Map<string, string>();

/** Porter stem, memoised: the same few thousand words recur in every chunk and query. */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\p{N}/u.test(word) ? word : stemmer(word);
    if (stemCache.size < 100_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/**
 * The term analysis of the lexical (BM25) side: words, English stop words removed, Porter
 * stems, one-letter words dropped. Deliberately plain, so "lexical-only" is a standard BM25.
 */
export function lexicalTerm(word: string): string | null {
  if (word.length < 2 && !/\p{N}/u.test(word)) return null;
  if (STOPWORDS.has(word)) return null;
  return stem(word);
}

export function lexicalTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    const term = lexicalTerm(word);
    if (term !== null) terms.push(term);
  }
  return terms;
}
