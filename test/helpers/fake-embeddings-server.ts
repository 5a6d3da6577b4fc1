import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI embeddings API (`POST /v1/embeddings`,
 * the shape Ollama, vLLM and OpenAI share), so the client's own fetch, retry and parsing code
 * runs. Its vectors are a plain bag of words hashed into `dimensions` buckets by SHA-1:
 * independent of the project's local embedder, yet texts sharing words come out similar, so
 * retrieval through it is meaningful. Items come back in reverse order, with their `index`,
 * as the API allows.
 */
export interface FakeEmbeddings {
  url: string;
  requests: {
    headers: Record<string, string | string[] | undefined>;
    body: { model?: string; input?: unknown; encoding_format?: string };
  }[];
  /** The next `count` requests fail with this status and an OpenAI-style error body. */
  failNext(status: number, count?: number): void;
  /** The next request answers this body as-is (status 200). */
  replyNextWith(body: unknown): void;
  close(): Promise<void>;
}

export function bagOfWordsVector(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const bucket = createHash('sha1').update(word).digest().readUInt32BE(0) % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + 1;
  }
  const norm = Math.sqrt(vector.reduce((s, x) => s + x * x, 0)) || 1;
  return vector.map((x) => x / norm);
}

export async function startFakeEmbeddingsServer(
  options: { dimensions?: number; apiKey?: string } = {},
): Promise<FakeEmbeddings> {
  const dimensions = options.dimensions ?? 64;
  const requests: FakeEmbeddings['requests'] = [];
  const failures: number[] = [];
  const canned: unknown[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, message: string, type: string) =>
        send(status, { error: { message, type, param: null, code: null } });
      let body: FakeEmbeddings['requests'][number]['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        error(400, 'We could not parse the JSON body of your request.', 'invalid_request_error');
        return;
      }
      requests.push({ headers: req.headers, body });
      if (req.method !== 'POST' || req.url !== '/v1/embeddings')
        return error(404, `Unknown request URL: ${req.method} ${req.url}`, 'invalid_request_error');
      // OpenAI echoes the key it was given, so a client must not log response bodies verbatim.
      const given = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (options.apiKey && given !== options.apiKey)
        return error(401, `Incorrect API key provided: ${given}.`, 'invalid_request_error');
      const failure = failures.shift();
      if (failure !== undefined)
        return error(failure, 'The server had an error while processing your request.', 'server_error');
      if (canned.length > 0) return send(200, canned.shift());
      const inputs = typeof body.input === 'string' ? [body.input] : body.input;
      if (
        !Array.isArray(inputs) ||
        inputs.some((i) => typeof i !== 'string') ||
        typeof body.model !== 'string'
      ) {
        return error(
          400,
          "'input' must be a string or an array of strings, and 'model' is required",
          'invalid_request_error',
        );
      }
      const data = (inputs as string[]).map((text, index) => ({
        object: 'embedding',
        index,
        embedding: bagOfWordsVector(text, dimensions),
      }));
      const tokens = (inputs as string[]).reduce((n, t) => n + t.split(/\s+/).length, 0);
      send(200, {
        object: 'list',
        data: data.reverse(),
        model: body.model,
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(status, count = 1) {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    replyNextWith(body) {
      canned.push(body);
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections(); // the client keeps connections alive; do not wait for them
      }),
  };
}
