import type { TradeIntent } from '../evaluators/index.js';
import type { ContextPack } from '../market/context/index.js';
import type { Fundamentals } from '../market/fundamentals/types.js';
import type { NewsItem } from '../market/news/types.js';
import type { Domain, RetrievedChunk } from '../rag/index.js';
import type { AgentId, AgentRecommendation, FactValue } from './schema.js';

/** The agents' knowledge namespaces are src/rag's domains, one per agent. */
export type KnowledgeDomain = Domain;
export type { RetrievedChunk };

/** The part of src/rag's Retriever the agents use (`createRetriever` satisfies it). */
export interface KnowledgeRetriever {
  retrieve(query: string, options: { domain: KnowledgeDomain; k: number }): Promise<RetrievedChunk[]>;
}

/** Named, rounded facts: the only numbers an agent (or its LLM) may cite. */
export type Facts = Record<string, FactValue>;

/** Everything an agent may look at. Rule mode is a pure function of this. */
export interface AgentInput {
  intent: TradeIntent;
  ctx: ContextPack;
  chunks: RetrievedChunk[];
  /** Recent headlines for the symbol, newest first (only the sentiment agent reads them). */
  news: NewsItem[];
  fundamentals: Fundamentals | undefined;
}

export interface AgentAnalysis {
  facts: Facts;
  /** The rule-mode answer, always computed: it is the fallback when an LLM answer is unusable. */
  recommendation: AgentRecommendation;
}

export interface Agent {
  id: AgentId;
  title: string;
  domain: KnowledgeDomain;
  /** Inputs the runner loads for this agent only (news for sentiment, fundamentals for fundamental). */
  needs?: readonly ('news' | 'fundamentals')[];
  /** One line per derived fact, sent with the facts so a model reads them as we do. */
  glossary: Readonly<Record<string, string>>;
  /** The retrieval query for this idea: what the agent needs to read about. */
  query(input: Omit<AgentInput, 'chunks'>): string;
  analyse(input: AgentInput): AgentAnalysis;
}
