import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { LlmError, llmError } from './errors.js';
import { isSpendLimitResponse } from './spend-limit.js';

/** Short text for one failed HTTP response, from the `{ type: 'error', error: {...} }` body. */
export function describeHttpFailure(status: number, body: string): string {
  let detail = body.slice(0, 300);
  try {
    const json = JSON.parse(body) as { error?: { type?: unknown; message?: unknown } };
    const type = typeof json.error?.type === 'string' ? json.error.type : 'error';
    const message = typeof json.error?.message === 'string' ? json.error.message : '';
    detail = `${type}: ${message}`;
  } catch {
    // Not JSON (a proxy's HTML page, say): the cut body is the most useful thing to keep.
  }
  return `HTTP ${status} ${detail}`;
}

/** Short text for a request that got no HTTP response at all. */
export function describeConnectionFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return `request timed out after ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause instanceof Error ? ((cause as Error & { code?: unknown }).code ?? cause.message) : undefined;
  const base = error instanceof Error ? error.message : 'connection failed';
  return `connection error: ${base}${typeof code === 'string' ? ` (${code})` : ''}`;
}

/** Plain, credential-free facts about an SDK error, kept as the LlmError cause. */
function causeOf(error: unknown): Record<string, unknown> {
  if (error instanceof APIError) {
    return { name: error.name, status: error.status, type: error.type, errorCode: error.errorCode, requestId: error.requestID };
  }
  return { name: error instanceof Error ? error.name : typeof error };
}

/** Maps what `messages.create` threw (after the SDK's own retries) to our error codes. */
export function toLlmError(error: unknown, timeoutMs: number): LlmError {
  const cause = causeOf(error);
  if (error instanceof APIConnectionTimeoutError) {
    return llmError('llm-timeout', `Anthropic did not answer within ${timeoutMs} ms (retries exhausted)`, cause);
  }
  if (error instanceof APIUserAbortError) {
    return llmError('llm-unavailable', 'Anthropic request aborted', cause);
  }
  if (error instanceof APIConnectionError) {
    return llmError('llm-unavailable', `Anthropic connection failed (retries exhausted): ${describeConnectionFailure(error.cause ?? error, timeoutMs)}`, cause);
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const body = JSON.stringify(error.error ?? {});
    const what = `Anthropic HTTP ${error.status} ${error.type ?? 'error'}: ${error.apiMessage ?? ''}`.trim();
    if (isSpendLimitResponse(error.status, body)) return llmError('llm-spend-limit', what, cause);
    const transient = error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
    // 4xx other than the transient ones are our request or our key: asking again will not help.
    return new LlmError({ code: 'llm-unavailable', message: what, retryable: transient, cause });
  }
  const message = error instanceof Error ? error.message : 'unknown failure';
  return llmError('llm-unavailable', `Anthropic call failed: ${message}`, cause);
}
