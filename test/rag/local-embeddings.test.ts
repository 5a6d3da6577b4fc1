import { Embeddings } from '@langchain/core/embeddings';
import { describe, expect, it } from 'vitest';
import { createLocalEmbeddings } from '../../src/rag/index.js';

const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
const embeddings = createLocalEmbeddings();

describe('local hashed embeddings', () => {
  it('when created, then it is a LangChain Embeddings whose id names the version and size', () => {
    expect(embeddings).toBeInstanceOf(Embeddings);
    expect(embeddings.id).toBe('local-hash-v1-512');
    expect(createLocalEmbeddings({ dimensions: 256 }).id).toBe('local-hash-v1-256');
    expect(createLocalEmbeddings({ weights: { word: 1, bigram: 0, char: 0, concept: 0 } }).id).not.toBe(
      embeddings.id,
    );
  });

  it('when the same text is embedded twice or by another instance, then the vector is identical and unit length', async () => {
    const [a] = await embeddings.embedDocuments(['Place the stop 2 ATR below entry.']);
    const b = await createLocalEmbeddings().embedQuery('Place the stop 2 ATR below entry.');
    expect(a).toEqual(b);
    expect(a).toHaveLength(512);
    expect(cosine(b, b)).toBeCloseTo(1, 5);
  });

  it('when the text has no usable word, then the vector is all zeros rather than NaN', async () => {
    const v = await embeddings.embedQuery('the of and !!!');
    expect(v.every((x) => x === 0)).toBe(true);
  });

  it.each([
    // acronym vs spelled out: no shared word at all, bridged by the concept table
    ['ATR', 'average true range', 'relative strength index'],
    [
      'what P/E is too expensive',
      'the price to earnings multiple of the stock',
      'the trend of the moving average',
    ],
    ['fear of missing out on a meme stock', 'FOMO and social media hype', 'balance sheet leverage'],
    // morphology: character n-grams meet "volatile" and "volatility"
    ['a volatile stock', 'volatility of the shares', 'dividend payout'],
  ])('when "%s" is compared, then it is closer to "%s" than to "%s"', async (query, near, far) => {
    const [q, n, f] = await embeddings.embedDocuments([query, near, far]);
    expect(cosine(q ?? [], n ?? [])).toBeGreaterThan(cosine(q ?? [], f ?? []) + 0.05);
  });
});
