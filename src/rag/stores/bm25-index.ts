import { lexicalTerms } from '../text/tokens.js';
import { TopK, type Ranked } from './top-k.js';

export interface Bm25Options {
  k1: number;
  b: number;
}

/**
 * Okapi BM25 over one namespace: an inverted index whose postings hold each document's
 * saturated, length-normalised term weight, scored into a reused Float32Array. Written here
 * rather than taken from MiniSearch (used at first) for two measured reasons: MiniSearch builds
 * a result object with match details for every matching chunk and sorts them all, which took
 * 1.7 ms of a 2.4 ms hybrid query at 10k chunks (bench/retrieval.ts); and this is exactly the
 * formula the Qdrant store gets from its sparse `bm25` vectors (same analysis, k1, b and
 * IDF = ln((N − n + 0.5)/(n + 0.5) + 1)), so both stores rank lexically alike.
 */
export class Bm25Index {
  private readonly vocabulary = new Map<string, number>();
  private readonly postingRows: Int32Array[] = [];
  private readonly postingWeights: Float32Array[] = [];
  private readonly idf: number[] = [];
  private readonly scores: Float32Array;
  readonly rows: number;

  constructor(texts: readonly string[], options: Bm25Options = { k1: 1.2, b: 0.75 }) {
    this.rows = texts.length;
    this.scores = new Float32Array(this.rows);
    const docs = texts.map((text) => lexicalTerms(text));
    const avgLength = docs.reduce((n, d) => n + d.length, 0) / Math.max(1, docs.length) || 1;
    const rows: number[][] = [];
    const weights: number[][] = [];
    docs.forEach((terms, row) => {
      const counts = new Map<string, number>();
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
      const norm = options.k1 * (1 - options.b + (options.b * terms.length) / avgLength);
      for (const [term, tf] of counts) {
        let id = this.vocabulary.get(term);
        if (id === undefined) {
          id = this.vocabulary.size;
          this.vocabulary.set(term, id);
          rows.push([]);
          weights.push([]);
        }
        rows[id]?.push(row);
        weights[id]?.push((tf * (options.k1 + 1)) / (tf + norm));
      }
    });
    rows.forEach((list, id) => {
      this.postingRows.push(Int32Array.from(list));
      this.postingWeights.push(Float32Array.from(weights[id] ?? []));
      this.idf.push(Math.log((this.rows - list.length + 0.5) / (list.length + 0.5) + 1));
    });
  }

  /** Top k rows by BM25; each distinct query term counts once; `accept` filters rows. */
  search(query: string, k: number, accept?: (row: number) => boolean): Ranked[] {
    const { scores } = this;
    const touched: number[] = [];
    for (const term of new Set(lexicalTerms(query))) {
      const id = this.vocabulary.get(term);
      if (id === undefined) continue;
      const rows = this.postingRows[id] as Int32Array;
      const weights = this.postingWeights[id] as Float32Array;
      const idf = this.idf[id] as number;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as number;
        if (scores[row] === 0) touched.push(row);
        scores[row] = (scores[row] as number) + idf * (weights[i] as number);
      }
    }
    const top = new TopK(k);
    for (const row of touched) {
      const score = scores[row] as number;
      scores[row] = 0;
      if (score > top.threshold && (!accept || accept(row))) top.offer(row, score);
    }
    return top.sorted();
  }
}
