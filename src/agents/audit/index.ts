export { createDbLlmCallRecorder } from './recorder.js';
export {
  createDbGuardrailJournal,
  createMemoryGuardrailJournal,
  STORED_EXCERPT_CHARS,
  type GuardrailEventInput,
  type GuardrailJournal,
  type MemoryGuardrailJournal,
} from './guardrail-journal.js';
export {
  createAuditService,
  type AuditChain,
  type AuditChunk,
  type AuditService,
  type AuditServiceDeps,
  type ChunkLookup,
} from './service.js';
export { formatAuditChain } from './format.js';
export { createAuditStack, type AuditStack, type LlmSettings } from './stack.js';
