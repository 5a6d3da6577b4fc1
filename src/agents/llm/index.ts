export type {
  LlmCallRecord,
  LlmCallRecorder,
  LlmClient,
  LlmLogger,
  LlmPurpose,
  RecordLimits,
  StructuredRequest,
  StructuredResult,
  TruncationFlags,
} from './types.js';
export { DEFAULT_RECORD_LIMITS } from './types.js';
export { LlmError, isLlmError, llmError, type LlmErrorCode } from './errors.js';
export { createMemoryLlmCallRecorder, finalizeRecord, type MemoryLlmCallRecorder } from './record.js';
export {
  createTokenBudget,
  type BudgetDecision,
  type BudgetKey,
  type TokenBudget,
  type TokenBudgetOptions,
} from './budget.js';
export { createScrubber, type Scrubber } from './scrub.js';
export { extractJson } from './json-extract.js';
export { extraFields, promptHash, toJsonSchema, validateOutput, type JsonSchemaObject } from './validate.js';
export { isSpendLimitResponse } from './spend-limit.js';
export { createAnthropicClient, type AnthropicClientOptions } from './anthropic-client.js';
export {
  createOpenAiCompatibleClient,
  type OpenAiCompatibleClientOptions,
} from './openai-compatible-client.js';
export type { OpenAiStructuredMode } from './openai-wire.js';
export { anthropicModelEndOfLife, DEPRECATED_ANTHROPIC_MODELS } from './model-deprecations.js';
