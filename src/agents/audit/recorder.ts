import type { AuditRepository } from '../../db/index.js';
import type { LlmCallRecord, LlmCallRecorder } from '../llm/index.js';

/**
 * Writes each LLM attempt to `llm_calls`. A failed insert propagates: the client then fails
 * the call, because an answer with no audit row must not be used.
 */
export function createDbLlmCallRecorder(repo: Pick<AuditRepository, 'insertLlmCall'>): LlmCallRecorder {
  return {
    record: (call: LlmCallRecord) =>
      repo.insertLlmCall({
        provider: call.provider,
        model: call.model,
        purpose: call.purpose,
        userId: call.userId,
        requestId: call.requestId,
        systemPrompt: call.systemPrompt,
        userPrompt: call.userPrompt,
        rawResponse: call.rawResponse,
        parsedOutput: call.parsedOutput ?? null,
        inputTokens: call.inputTokens,
        outputTokens: call.outputTokens,
        cacheReadTokens: call.cacheReadTokens,
        cacheWriteTokens: call.cacheWriteTokens,
        latencyMs: Math.round(call.latencyMs),
        stopReason: call.stopReason,
        providerRequestId: call.providerRequestId,
        error: call.error,
        attempt: call.attempt,
        turn: call.turn,
        promptHash: call.promptHash,
        extraFields: call.extraFields,
        truncatedPrompt: call.truncated.prompt,
        truncatedResponse: call.truncated.response,
        truncatedOutput: call.truncated.output,
      }),
  };
}
