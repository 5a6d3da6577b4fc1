import type {
  AuditRepository,
  ChartRepository,
  EvaluationRepository,
  GuardrailEventRow,
  JournalRow,
  LlmCallRow,
} from '../../db/index.js';
import { createScrubber, type LlmCallRecorder, type Scrubber } from '../llm/index.js';
import { createDbGuardrailJournal, type GuardrailJournal } from './guardrail-journal.js';
import { createDbLlmCallRecorder } from './recorder.js';

/** A passage as the audit shows it; text and provenance when the knowledge store still has it. */
export interface AuditChunk {
  chunkId: string;
  /** Agents whose journal rows cite this passage. */
  agents: string[];
  docPath?: string | undefined;
  heading?: string | undefined;
  text?: string | undefined;
}

export type ChunkLookup = (ids: readonly string[]) => Promise<Array<Omit<AuditChunk, 'agents'>>>;

/** Everything behind one evaluation, from the trader's words to each model answer. */
export interface AuditChain {
  evaluationId: string;
  userId: string;
  symbol: string;
  timeframe: string;
  evaluatedAt: string;
  createdAt: string;
  intent: Record<string, unknown>;
  contextFacts: Record<string, unknown>;
  evaluation: {
    score: number;
    severity: string;
    configVersion: string;
    /** The trader's settings version (`user_rules`) and their team's (`team_rules`) the evaluation used; null before versions were recorded. */
    rulesVersion: number | null;
    teamRulesVersion: number | null;
    summary: Record<string, unknown>;
    modules: unknown[];
    items: Array<Record<string, unknown>>;
  };
  recommendations: Array<Record<string, unknown>>;
  retrievedChunks: AuditChunk[];
  /** The chart images rendered for the evaluation. */
  charts: Array<{
    chartId: string;
    imageUrl: string;
    chartType: string;
    timeframe: string;
    dataPoints: number | null;
    lastPrice: number | null;
    generatedAt: string;
  }>;
  llmCalls: Array<Record<string, unknown>>;
  guardrailEvents: Array<Record<string, unknown>>;
}

export interface AuditService {
  /** Writes each LLM attempt to `llm_calls`: give it to every LLM client. */
  recorder: LlmCallRecorder;
  /** Writes guardrail decisions to `guardrail_events`: give it to createGuardrails. */
  guardrailJournal: GuardrailJournal;
  /** Files LLM calls under an evaluation (calls are recorded before the caller knows it). */
  linkCalls(evalId: string, callIds: readonly string[]): Promise<number>;
  /** The whole chain, scrubbed of credentials; undefined for an unknown evaluation. */
  chain(evalId: string): Promise<AuditChain | undefined>;
}

export interface AuditServiceDeps {
  evaluations: Pick<EvaluationRepository, 'getEvaluation'>;
  audit: AuditRepository;
  /** Every configured credential: removed verbatim from stored excerpts and from the chain. */
  secrets?: ReadonlyArray<string | undefined>;
  chunks?: ChunkLookup | undefined;
  charts?: Pick<ChartRepository, 'chartsForEvaluation'> | undefined;
}

const iso = (d: Date) => d.toISOString();

function callView(c: LlmCallRow): Record<string, unknown> {
  return {
    id: c.llmCallId,
    purpose: c.purpose,
    provider: c.provider,
    model: c.model,
    createdAt: iso(c.createdAt),
    attempt: c.attempt,
    turn: c.turn,
    latencyMs: c.latencyMs,
    stopReason: c.stopReason,
    providerRequestId: c.providerRequestId,
    error: c.error,
    userId: c.userId,
    requestId: c.requestId,
    promptHash: c.promptHash,
    tokens: {
      input: c.inputTokens,
      output: c.outputTokens,
      cacheRead: c.cacheReadTokens,
      cacheWrite: c.cacheWriteTokens,
    },
    truncated: { prompt: c.truncatedPrompt, response: c.truncatedResponse, output: c.truncatedOutput },
    extraFields: c.extraFields,
    systemPrompt: c.systemPrompt,
    userPrompt: c.userPrompt,
    rawResponse: c.rawResponse,
    parsedOutput: c.parsedOutput,
  };
}

function journalView(j: JournalRow): Record<string, unknown> {
  return {
    id: j.journalId,
    agent: j.agent,
    signal: j.signal,
    confidence: j.confidence,
    rationale: j.rationale,
    keyFactors: j.keyFactors,
    provider: j.llmProvider,
    model: j.modelName,
    llmCallId: j.llmCallId,
    retrievedChunkIds: j.retrievedChunkIds,
    indicatorsSnapshot: j.indicatorsSnapshot,
    tradeId: j.tradeId,
    chartId: j.chartId,
    strategyId: j.strategyId,
    createdAt: iso(j.createdAt),
  };
}

function eventView(e: GuardrailEventRow): Record<string, unknown> {
  return {
    id: e.eventId,
    ts: iso(e.ts),
    stage: e.stage,
    rule: e.rule,
    action: e.action,
    excerpt: e.excerpt,
    requestId: e.requestId,
  };
}

async function chunksOf(
  journal: readonly JournalRow[],
  lookup: ChunkLookup | undefined,
): Promise<AuditChunk[]> {
  const byId = new Map<string, Set<string>>();
  for (const row of journal) {
    for (const id of row.retrievedChunkIds) {
      const agents = byId.get(id) ?? new Set<string>();
      agents.add(row.agent);
      byId.set(id, agents);
    }
  }
  const ids = [...byId.keys()];
  const found =
    lookup && ids.length > 0
      ? new Map((await lookup(ids)).map((c) => [c.chunkId, c]))
      : new Map<string, Omit<AuditChunk, 'agents'>>();
  return ids.map((chunkId) => ({
    ...found.get(chunkId),
    chunkId,
    agents: [...(byId.get(chunkId) ?? [])].sort(),
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The journal links one call (the last); the agents keep every call of a re-ask in the
 * snapshot's `llmCallIds`, so the audit shows the rejected first answer too.
 */
function snapshotCallIds(row: JournalRow): string[] {
  const ids = row.indicatorsSnapshot['llmCallIds'];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && UUID.test(id)) : [];
}

/** Scrubs the serialised chain: a trader may have pasted a key into the idea's raw text. */
function scrubbed<T>(value: T, scrub: Scrubber): T {
  return JSON.parse(scrub(JSON.stringify(value))) as T;
}

/**
 * The audit chain: the DB-backed recorder and guardrail journal, and the read side that
 * assembles intent, ContextPack facts, evaluator results, agent signals, retrieved passages,
 * prompts, raw responses and guardrail events for one evaluation.
 */
export function createAuditService(deps: AuditServiceDeps): AuditService {
  const scrub = createScrubber(deps.secrets ?? []);
  return {
    recorder: createDbLlmCallRecorder(deps.audit),
    guardrailJournal: createDbGuardrailJournal(deps.audit, scrub),
    linkCalls: (evalId, callIds) => deps.audit.linkCallsToEvaluation(evalId, callIds),
    async chain(evalId) {
      const found = await deps.evaluations.getEvaluation(evalId);
      if (!found) return undefined;
      const { evaluation: e, intent, items } = found;
      const [journal, events] = await Promise.all([
        deps.audit.journalForEvaluation(evalId),
        deps.audit.guardrailEventsForEvaluation(evalId),
      ]);
      const calls = await deps.audit.callsForEvaluation(evalId, journal.flatMap(snapshotCallIds));
      const chain: AuditChain = {
        evaluationId: e.evalId,
        userId: e.userId,
        symbol: e.symbol,
        timeframe: e.timeframe,
        evaluatedAt: iso(e.evalTs),
        createdAt: iso(e.createdAt),
        intent: { ...intent, createdAt: iso(intent.createdAt) },
        contextFacts: e.contextFacts,
        evaluation: {
          score: e.overallScore,
          severity: e.overallSeverity,
          configVersion: e.configVersion,
          rulesVersion: e.rulesVersion,
          teamRulesVersion: e.teamRulesVersion,
          summary: e.summary,
          modules: e.modulesRun,
          items: items.map((i) => ({
            module: i.moduleName,
            moduleVersion: i.moduleVersion,
            code: i.issueCode,
            severity: i.severity,
            message: i.message,
            evidence: i.evidence,
            recommendation: i.recommendation,
            rank: i.rank,
            shown: i.shown,
          })),
        },
        recommendations: journal.map(journalView),
        retrievedChunks: await chunksOf(journal, deps.chunks),
        charts: ((await deps.charts?.chartsForEvaluation(evalId)) ?? []).map((c) => ({
          chartId: c.chartId,
          imageUrl: c.imageUrl,
          chartType: c.chartType,
          timeframe: c.timeframe,
          dataPoints: c.dataPoints,
          lastPrice: c.lastPrice,
          generatedAt: iso(c.generatedAt),
        })),
        llmCalls: calls.map(callView),
        guardrailEvents: events.map(eventView),
      };
      return scrubbed(chain, scrub);
    },
  };
}
