import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { LlmError, llmError } from './errors.js';
import { describeConnectionFailure } from './attempt-text.js';
import { isSpendLimitResponse } from './spend-limit.js';

/** Plain, credential-free facts about an SDK error, kept as the LlmError cause. */
function causeOf(error: unknown): Record<string, unknown> {
  if (error instanceof APIError) {
    return {
      name: error.name,
      status: error.status,
      type: error.type,
      errorCode: error.errorCode,
      requestId: error.requestID,
    };
  }
  return { name: error instanceof Error ? error.name : typeof error };
}

/** Maps what `messages.create` threw (after the SDK's own retries) to our error codes. */
export function toLlmError(error: unknown, timeoutMs: number): LlmError {
  const cause = causeOf(error);
  if (error instanceof APIConnectionTimeoutError) {
    return llmError(
      'llm-timeout',
      `Anthropic did not answer within ${timeoutMs} ms (retries exhausted)`,
      cause,
    );
  }
  if (error instanceof APIUserAbortError) {
    return llmError('llm-unavailable', 'Anthropic request aborted', cause);
  }
  if (error instanceof APIConnectionError) {
    return llmError(
      'llm-unavailable',
      `Anthropic connection failed (retries exhausted): ${describeConnectionFailure(error.cause ?? error, timeoutMs)}`,
      cause,
    );
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const body = JSON.stringify(error.error ?? {});
    const what = `Anthropic HTTP ${error.status} ${error.type ?? 'error'}: ${error.apiMessage ?? ''}`.trim();
    if (isSpendLimitResponse(error.status, body)) return llmError('llm-spend-limit', what, cause);
    const transient =
      error.status === 408 || error.status === 409 || error.status === 429 || error.status >= 500;
    // 4xx other than the transient ones are our request or our key: asking again will not help.
    return new LlmError({ code: 'llm-unavailable', message: what, retryable: transient, cause });
  }
  const message = error instanceof Error ? error.message : 'unknown failure';
  return llmError('llm-unavailable', `Anthropic call failed: ${message}`, cause);
}
