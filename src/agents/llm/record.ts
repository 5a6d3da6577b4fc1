import { randomUUID } from 'node:crypto';
import type { Scrubber } from './scrub.js';
import type { LlmCallRecord, LlmCallRecorder, RecordLimits } from './types.js';

/** A record before scrubbing and truncation; the shape the engine fills in. */
export type RawCallRecord = Omit<LlmCallRecord, 'truncated'>;

const MARK = '…[truncated]';

function cut(text: string, limit: number): { text: string; truncated: boolean } {
  if (text.length <= limit) return { text, truncated: false };
  const keep = Math.max(0, limit - MARK.length);
  return { text: text.slice(0, keep) + MARK, truncated: true };
}

function finalOutput(value: unknown, limit: number, scrub: Scrubber): { value: unknown; truncated: boolean } {
  if (value === null || value === undefined) return { value: null, truncated: false };
  const json = JSON.stringify(value);
  const clean = scrub(json);
  if (clean.length <= limit && clean === json) return { value, truncated: false };
  const c = cut(clean, limit);
  // Too long (or carrying a secret): keep the JSON text, since a cut object is not valid JSON.
  return { value: c.text, truncated: c.truncated };
}

/** Scrubs credentials from every text field and cuts each to its limit, setting the flags. */
export function finalizeRecord(raw: RawCallRecord, limits: RecordLimits, scrub: Scrubber): LlmCallRecord {
  const system = cut(scrub(raw.systemPrompt), limits.promptChars);
  const user = cut(scrub(raw.userPrompt), limits.promptChars);
  const response = cut(scrub(raw.rawResponse), limits.responseChars);
  const output = finalOutput(raw.parsedOutput, limits.outputChars, scrub);
  return {
    ...raw,
    systemPrompt: system.text,
    userPrompt: user.text,
    rawResponse: response.text,
    parsedOutput: output.value,
    error: raw.error === null ? null : cut(scrub(raw.error), limits.responseChars).text,
    truncated: {
      prompt: system.truncated || user.truncated,
      response: response.truncated,
      output: output.truncated,
    },
  };
}

export interface MemoryLlmCallRecorder extends LlmCallRecorder {
  readonly calls: ReadonlyArray<LlmCallRecord & { id: string }>;
}

/** In-process recorder for tests and for running without a database. */
export function createMemoryLlmCallRecorder(): MemoryLlmCallRecorder {
  const calls: Array<LlmCallRecord & { id: string }> = [];
  return {
    calls,
    async record(call) {
      const id = randomUUID();
      calls.push({ ...call, id });
      return { id };
    },
  };
}
