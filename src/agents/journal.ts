import { randomUUID } from 'node:crypto';
import type { AuditRepository } from '../db/index.js';
import type { AgentId, AgentRecommendation } from './schema.js';

/** One agent result as it goes to `ai_journal`: what was said, by whom, from which inputs. */
export interface AgentJournalEntry {
  agent: AgentId;
  recommendation: AgentRecommendation;
  /** 'rules' for the deterministic path, else the LLM provider ('anthropic', ...). */
  provider: string;
  model: string;
  evalId: string | null;
  /** The chart rendered for the evaluation, when there is one. */
  chartId?: string | null | undefined;
  userId: string;
  symbol: string;
  timeframe: string;
  /** The facts the agent saw (and, on a fallback, why the LLM answer was set aside). */
  indicatorsSnapshot: Record<string, unknown>;
  retrievedChunkIds: string[];
  /** Every `llm_calls` row behind this result, including a rejected answer's. */
  llmCallIds: string[];
}

export interface AgentJournal {
  record(entry: AgentJournalEntry): Promise<{ id: string }>;
}

export interface MemoryAgentJournal extends AgentJournal {
  readonly entries: ReadonlyArray<AgentJournalEntry & { id: string }>;
}

export function createMemoryAgentJournal(): MemoryAgentJournal {
  const entries: Array<AgentJournalEntry & { id: string }> = [];
  return {
    entries,
    async record(entry) {
      const id = randomUUID();
      entries.push({ ...structuredClone(entry), id });
      return { id };
    },
  };
}

/**
 * Writes to `ai_journal` (seed 000): confidence as 0.0-1.0, the reasoning as rationale. The
 * table links one `llm_calls` row: the last one, which holds the answer that was used or
 * rejected; the full list stays in the snapshot so the audit can show a re-ask too.
 */
export function createDbAgentJournal(repo: Pick<AuditRepository, 'insertJournal'>): AgentJournal {
  return {
    record: (entry) =>
      repo.insertJournal({
        userId: entry.userId,
        symbol: entry.symbol,
        timeframe: entry.timeframe,
        agent: entry.agent,
        signal: entry.recommendation.recommendation,
        confidence: entry.recommendation.confidence / 100,
        rationale: entry.recommendation.reasoning,
        indicatorsSnapshot: { ...entry.indicatorsSnapshot, llmCallIds: entry.llmCallIds },
        llmProvider: entry.provider,
        modelName: entry.model,
        evalId: entry.evalId,
        chartId: entry.chartId ?? null,
        llmCallId: entry.llmCallIds.at(-1) ?? null,
        retrievedChunkIds: entry.retrievedChunkIds,
        keyFactors: entry.recommendation.key_factors,
      }),
  };
}
