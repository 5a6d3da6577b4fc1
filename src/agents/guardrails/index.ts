export type {
  GuardrailAction,
  GuardrailFinding,
  GuardrailStage,
  InputVerdict,
  OutputCheck,
} from './types.js';
export { excerptOf } from './types.js';
export { canonical, readings, squash, type Reading } from './normalize.js';
export { INJECTION_RULES, ADVICE_PATTERNS, type InjectionRule } from './injection-patterns.js';
export {
  adviceNote,
  checkInput,
  DEFAULT_MAX_INPUT_CHARS,
  findAdviceRequest,
  findInjections,
  type InputGuardOptions,
} from './input.js';
export {
  quoteRetrieved,
  RETRIEVED_PREAMBLE,
  screenRetrieved,
  type QuotableChunk,
  type ScreenedChunks,
} from './retrieved.js';
export { OUTPUT_RULES, type OutputRule } from './output-patterns.js';
export { checkOutput, neutraliseMentions, REMOVED_NOTE, sentenceFindings, sentences } from './output.js';
export { AI_NOTICE, guardReply, withAiNotice, type GuardableReply } from './reply.js';
export { createGuardrails, type GuardContext, type Guardrails } from './guardrails.js';
