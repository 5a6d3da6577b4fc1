import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createOpenAiCompatibleEmbeddings } from '../../src/rag/index.js';
import {
  bagOfWordsVector,
  startFakeEmbeddingsServer,
  type FakeEmbeddings,
} from '../helpers/fake-embeddings-server.js';

describe('OpenAI-compatible embeddings against a local /v1/embeddings server', () => {
  let server: FakeEmbeddings;
  beforeAll(async () => {
    server = await startFakeEmbeddingsServer({ dimensions: 48, apiKey: 'sk-test' });
  });
  beforeEach(() => {
    server.requests.length = 0;
  });
  afterAll(async () => server.close());

  const client = (overrides: Partial<Parameters<typeof createOpenAiCompatibleEmbeddings>[0]> = {}) =>
    createOpenAiCompatibleEmbeddings({
      baseUrl: `${server.url}/v1/`,
      model: 'nomic-embed-text',
      apiKey: 'sk-test',
      maxRetries: 0,
      ...overrides,
    });

  it('when documents are embedded, then it posts model, inputs and the bearer key, and returns vectors in input order', async () => {
    const texts = ['risk of ruin', 'average true range', 'earnings quality'];
    const vectors = await client().embedDocuments(texts);
    expect(vectors).toEqual(texts.map((t) => bagOfWordsVector(t, 48)));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body).toEqual({
      model: 'nomic-embed-text',
      input: texts,
      encoding_format: 'float',
    });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('when there are more inputs than the batch size, then it sends several requests', async () => {
    const vectors = await client({ batchSize: 2 }).embedDocuments(['a b', 'c d', 'e f', 'g h', 'i j']);
    expect(vectors).toHaveLength(5);
    expect(server.requests.map((r) => (r.body.input as string[]).length)).toEqual([2, 2, 1]);
  });

  it('when a query is embedded, then the id names the model', async () => {
    const embeddings = client();
    expect(await embeddings.embedQuery('kelly criterion')).toEqual(bagOfWordsVector('kelly criterion', 48));
    expect(embeddings.id).toBe('openai-compatible:nomic-embed-text');
  });

  it('when the server fails once with 503, then the request is retried and succeeds', async () => {
    server.failNext(503);
    await expect(client({ maxRetries: 1 }).embedQuery('retry me')).resolves.toHaveLength(48);
    expect(server.requests).toHaveLength(2);
  });

  it('when the key is wrong, then it fails at once with an upstream AppError that shows no secret', async () => {
    const error = await client({ apiKey: 'sk-wrong', maxRetries: 3 })
      .embedQuery('x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'embeddings-unavailable', category: 'upstream' });
    expect((error as AppError).message).toContain('HTTP 401');
    expect((error as AppError).message).not.toContain('sk-wrong');
    expect((error as AppError).userMessage).not.toContain('HTTP');
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [
      'fewer embeddings than inputs',
      { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [1, 0] }] },
      'asked for 2',
    ],
    [
      'vectors of different lengths',
      {
        data: [
          { index: 0, embedding: [1, 0] },
          { index: 1, embedding: [1, 0, 0] },
        ],
      },
      'vector length',
    ],
    ['no data field', { object: 'list' }, 'unexpected response shape'],
  ])('when the response has %s, then it is rejected as an upstream error', async (_label, body, message) => {
    server.replyNextWith(body);
    await expect(client().embedDocuments(['a', 'b'])).rejects.toThrow(message);
  });

  it('when nothing listens at the URL, then it fails with an upstream AppError', async () => {
    const embeddings = createOpenAiCompatibleEmbeddings({
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'm',
      maxRetries: 0,
      timeoutMs: 2_000,
    });
    await expect(embeddings.embedQuery('x')).rejects.toMatchObject({
      code: 'embeddings-unavailable',
      category: 'upstream',
    });
  });
});
