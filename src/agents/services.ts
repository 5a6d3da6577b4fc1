import {
  createAuditRepository,
  createFundamentalsRepository,
  createNewsRepository,
  type Db,
  type FundamentalsRepository,
  type NewsRepository,
} from '../db/index.js';
import { fundamentalsOf } from '../market/fundamentals/index.js';
import type { Guardrails } from './guardrails/index.js';
import { AGENTS } from './list.js';
import { createDbAgentJournal, type AgentJournal } from './journal.js';
import type { LlmClient } from './llm/index.js';
import { createAgentRunner, type AgentRunner } from './run-agents.js';
import type { KnowledgeRetriever } from './types.js';

/** What the bot needs from the agents: the runner and the data they read (for the import commands). */
export interface AgentServices {
  runner: AgentRunner;
  news: NewsRepository;
  fundamentals: FundamentalsRepository;
}

export interface AgentServicesDeps {
  db: Db;
  retriever?: KnowledgeRetriever | undefined;
  llm?: LlmClient | undefined;
  guardrails?: Pick<Guardrails, 'retrieved' | 'output'> | undefined;
  /** Defaults to the `ai_journal` table. */
  journal?: AgentJournal | undefined;
  timeoutMs: number;
  logger?: { warn(details: object, message: string): void } | undefined;
}

/** The agents over the database: journal in `ai_journal`, news and fundamentals from their tables. */
export function createAgentServices(deps: AgentServicesDeps): AgentServices {
  const news = createNewsRepository(deps.db);
  const fundamentals = createFundamentalsRepository(deps.db);
  const runner = createAgentRunner({
    agents: AGENTS,
    journal: deps.journal ?? createDbAgentJournal(createAuditRepository(deps.db)),
    retriever: deps.retriever,
    llm: deps.llm,
    guardrails: deps.guardrails,
    news: { forSymbol: (symbol, window) => news.forSymbol(symbol, window) },
    fundamentals: { get: (symbol) => fundamentalsOf(fundamentals, symbol) },
    timeoutMs: deps.timeoutMs,
    logger: deps.logger,
  });
  return { runner, news, fundamentals };
}

/**
 * Per-agent time limit: 5 s for rule mode (retrieval included); with an LLM, room for one
 * question and its re-ask at the client's timeout, plus 5 s. Transport retries beyond that
 * end in a timeout card rather than a report that never arrives.
 */
export function agentTimeoutMs(llmTimeoutMs: number, llmConfigured: boolean): number {
  return llmConfigured ? 2 * llmTimeoutMs + 5_000 : 5_000;
}
