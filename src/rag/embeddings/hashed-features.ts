import { findConcepts } from '../text/finance-concepts.js';
import { isStopword, stem, words } from '../text/tokens.js';

/** How much each kind of feature counts. Changing any value changes the embedder's id. */
export interface FeatureWeights {
  /** Stemmed word. */
  word: number;
  /** Two adjacent content words: keeps "stop loss" apart from "loss ... stop". */
  bigram: number;
  /** Character 3- to 5-grams of each word: "volatility" still meets "volatile", typos still match. */
  char: number;
  /** A trading concept named by an acronym or a phrase (see finance-concepts.ts). */
  concept: number;
}

export const DEFAULT_WEIGHTS: FeatureWeights = { word: 1, bigram: 0.6, char: 0.18, concept: 1.2 };

/** Counts of each feature in a text; the key's first letter says its kind. */
export function extractFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const sequence = words(text);
  for (const concept of findConcepts(sequence)) add(`k${concept}`);
  let previous: string | null = null;
  for (const word of sequence) {
    if (isStopword(word) || (word.length < 2 && !/\p{N}/u.test(word))) {
      previous = null;
      continue;
    }
    const stemmed = stem(word);
    add(`w${stemmed}`);
    if (previous !== null) add(`b${previous} ${stemmed}`);
    previous = stemmed;
    if (/^\p{N}+$/u.test(word)) continue; // digits carry no sub-word meaning
    const padded = `<${word}>`;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(`c${padded.slice(i, i + n)}`);
    }
  }
  return counts;
}

/** 32-bit FNV-1a with a murmur3 finaliser, so low bits (the index) and the top bit (the sign) both mix well. */
export function hash32(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function weightOf(kind: string, weights: FeatureWeights): number {
  switch (kind) {
    case 'w':
      return weights.word;
    case 'b':
      return weights.bigram;
    case 'c':
      return weights.char;
    default:
      return weights.concept;
  }
}

/**
 * Signed feature hashing (Weinberger et al. 2009) of sub-linear term frequencies, L2-normalised,
 * so a dot product is the cosine. The sign bit makes collisions cancel out on average instead
 * of piling up.
 */
export function hashedVector(
  text: string,
  dimensions: number,
  weights: FeatureWeights = DEFAULT_WEIGHTS,
): Float32Array {
  const vector = new Float32Array(dimensions);
  for (const [key, count] of extractFeatures(text)) {
    const h = hash32(key);
    const value = weightOf(key[0] ?? 'w', weights) * (1 + Math.log(count));
    const index = h % dimensions;
    vector[index] = (vector[index] ?? 0) + (h & 0x80000000 ? -value : value);
  }
  let norm = 0;
  for (let i = 0; i < dimensions; i++) norm += (vector[i] ?? 0) ** 2;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] ?? 0) * scale;
  }
  return vector;
}
