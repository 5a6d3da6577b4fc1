import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../src/rag/stores/bm25-index.js';
import { DenseMatrix } from '../../src/rag/stores/dense-matrix.js';
import { TopK } from '../../src/rag/stores/top-k.js';
import { lexicalTerms } from '../../src/rag/text/tokens.js';

const vectorArb = (d: number) =>
  fc.array(fc.oneof(fc.constant(0), fc.float({ min: -1, max: 1, noNaN: true })), {
    minLength: d,
    maxLength: d,
  });

describe('dense matrix search', () => {
  it('when compared with plain dot products, then it returns the same top k, scores within float32 rounding', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 13 })
          .chain((d) =>
            fc.tuple(
              fc.constant(d),
              fc.array(vectorArb(d), { minLength: 1, maxLength: 40 }),
              vectorArb(d),
              fc.integer({ min: 1, max: 10 }),
            ),
          ),
        ([d, rows, query, k]) => {
          const found = new DenseMatrix(d, rows).search(query, k);
          const naive = rows
            .map((r, index) => ({
              index,
              score: r.reduce((s, x, i) => s + Math.fround(x) * (query[i] ?? 0), 0),
            }))
            .sort((a, b) => b.score - a.score);
          expect(found).toHaveLength(Math.min(k, rows.length));
          found.forEach((hit, i) => {
            expect(hit.score).toBeCloseTo(naive[i]?.score ?? NaN, 4);
            expect(hit.score).toBeCloseTo(naive.find((n) => n.index === hit.index)?.score ?? NaN, 4);
          });
        },
      ),
    );
  });

  it('when a filter rejects rows, then they never come back', () => {
    const matrix = new DenseMatrix(2, [
      [1, 0],
      [0.9, 0.1],
      [0, 1],
    ]);
    expect(matrix.search([1, 0], 3, (row) => row !== 0).map((h) => h.index)).toEqual([1, 2]);
  });

  it('when a vector has the wrong length, then it is refused', () => {
    expect(() => new DenseMatrix(3, [[1, 2]])).toThrow('expected 3');
    expect(() => new DenseMatrix(2, [[1, 2]]).search([1], 1)).toThrow('expected 2');
  });
});

describe('BM25 index', () => {
  const texts = [
    'Kelly criterion and position sizing',
    'position sizing with a fixed fraction',
    'RSI divergence on the daily chart',
    'sizing sizing sizing',
  ];

  it('when scored, then each hit equals Okapi BM25 (k1 1.2, b 0.75) computed by hand', () => {
    const docs = texts.map(lexicalTerms);
    const avg = docs.reduce((n, d) => n + d.length, 0) / docs.length;
    const manual = (query: string, doc: string[]) =>
      [...new Set(lexicalTerms(query))].reduce((sum, term) => {
        const n = docs.filter((d) => d.includes(term)).length;
        const tf = doc.filter((t) => t === term).length;
        if (tf === 0) return sum;
        const idf = Math.log((docs.length - n + 0.5) / (n + 0.5) + 1);
        return sum + (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * doc.length) / avg));
      }, 0);
    const index = new Bm25Index(texts);
    for (const query of ['position sizing', 'kelly', 'divergence daily sizing sizing']) {
      const hits = index.search(query, 10);
      expect(hits.length).toBe(docs.filter((d) => manual(query, d) > 0).length);
      for (const hit of hits) expect(hit.score).toBeCloseTo(manual(query, docs[hit.index] ?? []), 5);
    }
  });

  it('when searched twice, then the second answer is the same (the score buffer is reset)', () => {
    const index = new Bm25Index(texts);
    expect(index.search('sizing kelly', 4)).toEqual(index.search('sizing kelly', 4));
  });

  it('when no term is known, then nothing comes back', () => {
    expect(new Bm25Index(texts).search('zyzzyva the and', 5)).toEqual([]);
  });
});

describe('top-k selection', () => {
  it('when offered any scores, then it keeps the k best in descending order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 })),
        fc.integer({ min: 0, max: 8 }),
        (scores, k) => {
          const top = new TopK(k);
          scores.forEach((s, i) => top.offer(i, s));
          expect(top.sorted().map((r) => r.score)).toEqual([...scores].sort((a, b) => b - a).slice(0, k));
        },
      ),
    );
  });
});
