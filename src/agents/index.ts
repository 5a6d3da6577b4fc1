export { AGENTS } from './list.js';
export { fundamentalAgent } from './fundamental.js';
export { riskAgent } from './risk.js';
export { sentimentAgent } from './sentiment.js';
export { technicalAgent } from './technical.js';
export {
  abstain,
  ABSTAIN_CONFIDENCE,
  AGENT_IDS,
  AgentRecommendationSchema,
  EvidenceSchema,
  isAbstention,
  KeyFactorSchema,
  RECOMMENDATIONS,
  type AgentId,
  type AgentRecommendation,
  type Evidence,
  type FactValue,
  type KeyFactor,
  type Recommendation,
} from './schema.js';
export type {
  Agent,
  AgentAnalysis,
  AgentInput,
  Facts,
  KnowledgeDomain,
  KnowledgeRetriever,
  RetrievedChunk,
} from './types.js';
export {
  createDbAgentJournal,
  createMemoryAgentJournal,
  type AgentJournal,
  type AgentJournalEntry,
  type MemoryAgentJournal,
} from './journal.js';
export {
  createAgentRunner,
  RULES_MODEL,
  RULES_PROVIDER,
  type AgentRun,
  type AgentRunner,
  type AgentRunnerDeps,
  type AgentRunRequest,
  type FundamentalsSource,
  type NewsSource,
} from './run-agents.js';
export { citationProblems, groundingProblems, sameFact, unsupportedNumbers } from './grounding.js';
export { AGENT_TOOL_NAME, askLlm, systemPrompt, userPrompt, type LlmAnswer } from './llm-mode.js';
export {
  agentTimeoutMs,
  createAgentServices,
  type AgentServices,
  type AgentServicesDeps,
} from './services.js';
export { withSide } from './rules/votes.js';
