import type { LlmError } from './errors.js';
import type { JsonSchemaObject } from './validate.js';

/** What one provider adapter must do: one question in, one answer (after its own retries) out. */
export interface Transport {
  send(input: TransportInput): Promise<TransportOutcome>;
}

export interface ToolSpec {
  name: string;
  description: string;
  jsonSchema: JsonSchemaObject;
}

export interface TransportInput {
  system: string;
  user: string;
  tool: ToolSpec;
  maxTokens: number;
  /** Set on the single re-ask: the previous answer and what was wrong with it. */
  reask?: { previous: ProviderTurn; feedback: string };
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export const NO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** One HTTP request as seen on the wire, including the ones the transport retried. */
export interface AttemptLog {
  status: number | null;
  rawResponse: string;
  latencyMs: number;
  providerRequestId: string | null;
  error: string | null;
}

export type StopKind = 'complete' | 'truncated' | 'refused';

/** A parsed provider answer, normalised across providers. */
export interface ProviderTurn {
  /** The tool arguments when the model called the tool, else the text it wrote. */
  structured: { kind: 'tool'; input: unknown } | { kind: 'text'; text: string };
  stop: StopKind;
  stopReason: string | null;
  usage: Usage;
  /** The assistant message in the provider's own shape, replayed on a re-ask. */
  replay: unknown;
}

export type TransportOutcome =
  | { ok: true; attempts: AttemptLog[]; turn: ProviderTurn }
  | { ok: false; attempts: AttemptLog[]; error: LlmError };
