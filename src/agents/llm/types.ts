import type { z } from 'zod';
import type { LlmError } from './errors.js';

export type LlmPurpose = 'agent' | 'explanation' | 'router' | 'extraction' | 'answer';

/** One structured question: the answer must validate against `schema` or the call fails. */
export interface StructuredRequest<T> {
  purpose: LlmPurpose;
  system: string;
  user: string;
  schema: z.ZodType<T>;
  toolName: string;
  toolDescription: string;
  maxTokens?: number;
  userId?: string;
  /** Our correlation id (one chat message or job run), not the provider's request id. */
  requestId?: string;
}

export interface TruncationFlags {
  prompt: boolean;
  response: boolean;
  output: boolean;
}

/**
 * One HTTP attempt against a provider, successful or not, as it goes to `llm_calls`.
 * Text fields are already scrubbed of credentials and cut to the recorder limits.
 */
export interface LlmCallRecord {
  provider: string;
  model: string;
  purpose: LlmPurpose;
  userId: string | null;
  requestId: string | null;
  systemPrompt: string;
  userPrompt: string;
  rawResponse: string;
  /** The validated value, or its JSON cut to the output limit when too long; null when invalid. */
  parsedOutput: unknown;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  latencyMs: number;
  stopReason: string | null;
  providerRequestId: string | null;
  error: string | null;
  /** 1-based index of the HTTP request within one `generate` call (transport retries included). */
  attempt: number;
  /** 1 for the first question, 2 for the single re-ask. */
  turn: number;
  /** sha256 of system + user + tool schema: groups every attempt of one question. */
  promptHash: string;
  /** Keys the model sent that the schema does not know; they were dropped. */
  extraFields: string[];
  truncated: TruncationFlags;
}

export interface LlmCallRecorder {
  record(call: LlmCallRecord): Promise<{ id: string }>;
}

export type StructuredResult<T> =
  | { ok: true; value: T; callIds: string[]; extraFields: string[] }
  | { ok: false; error: LlmError; callIds: string[] };

export interface LlmClient {
  readonly provider: string;
  readonly model: string;
  generate<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>>;
}

/** Character limits for recorded text; defaults follow seed 003. */
export interface RecordLimits {
  promptChars: number;
  responseChars: number;
  outputChars: number;
}

export const DEFAULT_RECORD_LIMITS: RecordLimits = {
  promptChars: 10_000,
  responseChars: 10_000,
  outputChars: 2_000,
};

/** The subset of a pino-style logger the clients write to. */
export interface LlmLogger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}
