import { Embeddings } from '@langchain/core/embeddings';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { KnowledgeEmbeddings } from '../types.js';

export interface OpenAiCompatibleEmbeddingsOptions {
  /** Base URL of the API, e.g. `http://127.0.0.1:11434/v1` (Ollama) or `https://api.openai.com/v1`. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Inputs per request. */
  batchSize?: number;
  timeoutMs?: number;
  /** Retries of a failed request (network errors, 429 and 5xx); 4xx fail at once. */
  maxRetries?: number;
}

const EmbeddingResponse = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })),
});

/** Carries the HTTP status so LangChain's AsyncCaller knows whether a retry can help. */
class EmbeddingHttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'EmbeddingHttpError';
  }
}

/**
 * `POST {baseUrl}/embeddings` over fetch: Ollama, vLLM, LM Studio, OpenAI and others speak it.
 * Plain fetch rather than the OpenAI SDK because the wire format is four fields and the SDK is
 * not otherwise a dependency.
 */
export class OpenAiCompatibleEmbeddings extends Embeddings implements KnowledgeEmbeddings {
  readonly id: string;
  private readonly url: string;
  private readonly batchSize: number;
  private readonly timeoutMs: number;
  private dimensions: number | undefined;

  constructor(private readonly options: OpenAiCompatibleEmbeddingsOptions) {
    super({ maxRetries: options.maxRetries ?? 2 });
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
    this.id = `openai-compatible:${options.model}`;
    this.batchSize = options.batchSize ?? 64;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let i = 0; i < documents.length; i += this.batchSize) {
      vectors.push(...(await this.request(documents.slice(i, i + this.batchSize))));
    }
    return vectors;
  }

  async embedQuery(query: string): Promise<number[]> {
    const [vector] = await this.request([query]);
    if (!vector) throw this.failure('the response held no embedding');
    return vector;
  }

  private async request(input: string[]): Promise<number[][]> {
    let body: unknown;
    try {
      body = await this.caller.call(() => this.post(input));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw this.failure(error instanceof Error ? error.message : 'request failed', error);
    }
    const parsed = EmbeddingResponse.safeParse(body);
    if (!parsed.success)
      throw this.failure(`unexpected response shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const byIndex = [...parsed.data.data].sort((a, b) => a.index - b.index);
    if (byIndex.length !== input.length || byIndex.some((item, i) => item.index !== i)) {
      throw this.failure(`asked for ${input.length} embeddings, got ${byIndex.length}`);
    }
    const vectors = byIndex.map((item) => item.embedding);
    for (const vector of vectors) {
      this.dimensions ??= vector.length;
      if (vector.length !== this.dimensions || vector.length === 0) {
        throw this.failure(`vector length ${vector.length} differs from ${this.dimensions}`);
      }
    }
    return vectors;
  }

  private async post(input: string[]): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const response = await fetch(this.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: this.options.model, input, encoding_format: 'float' }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      // Some servers echo the key they were sent in the error body: never let it reach a log.
      const raw = await response.text().catch(() => '');
      const detail = (this.options.apiKey ? raw.replaceAll(this.options.apiKey, '[redacted]') : raw).slice(
        0,
        300,
      );
      throw new EmbeddingHttpError(`HTTP ${response.status}${detail ? `: ${detail}` : ''}`, response.status);
    }
    return response.json();
  }

  private failure(reason: string, cause?: unknown): AppError {
    return new AppError({
      code: 'embeddings-unavailable',
      category: 'upstream',
      message: `Embeddings endpoint ${this.url} (model ${this.options.model}): ${reason}`,
      userMessage: 'The knowledge base could not reach its embeddings service.',
      cause,
    });
  }
}

export function createOpenAiCompatibleEmbeddings(
  options: OpenAiCompatibleEmbeddingsOptions,
): OpenAiCompatibleEmbeddings {
  return new OpenAiCompatibleEmbeddings(options);
}
