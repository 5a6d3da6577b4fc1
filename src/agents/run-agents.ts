import type { TradeIntent } from '../evaluators/index.js';
import type { ContextPack } from '../market/context/index.js';
import type { Fundamentals } from '../market/fundamentals/types.js';
import type { NewsItem } from '../market/news/types.js';
import { type Guardrails, REMOVED_NOTE } from './guardrails/index.js';
import type { AgentJournal } from './journal.js';
import type { LlmClient } from './llm/index.js';
import { askLlm } from './llm-mode.js';
import { newsWindow } from './rules/price-proxies.js';
import { abstain, isAbstention, type AgentId, type AgentRecommendation } from './schema.js';
import type { Agent, AgentInput, Facts, KnowledgeRetriever, RetrievedChunk } from './types.js';

export const RULES_PROVIDER = 'rules';
export const RULES_MODEL = 'rules-v1';

export interface NewsSource {
  forSymbol(symbol: string, window: { from: number; to: number }): Promise<NewsItem[]>;
}

export interface FundamentalsSource {
  get(symbol: string): Promise<Fundamentals | undefined>;
}

export interface AgentRunnerDeps {
  agents: readonly Agent[];
  journal: AgentJournal;
  retriever?: KnowledgeRetriever | undefined;
  /** Absent: every agent answers in rule mode. */
  llm?: LlmClient | undefined;
  guardrails?: Pick<Guardrails, 'retrieved' | 'output'> | undefined;
  news?: NewsSource | undefined;
  fundamentals?: FundamentalsSource | undefined;
  /** Per agent, retrieval and LLM included. */
  timeoutMs: number;
  /** Passages retrieved per agent. */
  k?: number;
  logger?: { warn(details: object, message: string): void } | undefined;
}

export interface AgentRunRequest {
  intent: TradeIntent;
  ctx: ContextPack;
  evalId: string | null;
  chartId?: string | null | undefined;
  userId: string;
  requestId?: string | undefined;
}

export interface AgentRun {
  agent: AgentId;
  title: string;
  status: 'ok' | 'timeout' | 'failed';
  mode: 'llm' | 'rules';
  provider: string;
  model: string;
  recommendation: AgentRecommendation;
  facts: Facts;
  /** Why an LLM answer was set aside for the rule-mode one. */
  fallbackReason?: string;
  /** Set when the knowledge store could not be read; the agent answered without passages. */
  retrievalError?: string;
  chunks: Pick<RetrievedChunk, 'chunkId' | 'docPath' | 'heading'>[];
  llmCallIds: string[];
  journalId?: string;
  latencyMs: number;
}

export interface AgentRunner {
  readonly mode: 'llm' | 'rules';
  run(request: AgentRunRequest): Promise<AgentRun[]>;
}

type Outcome = Omit<AgentRun, 'journalId' | 'latencyMs' | 'status'>;

const FALLBACK_NOTE_CHARS = 400;

/**
 * Runs the agents in parallel, each under its own timeout: retrieve from its namespace, analyse
 * by rules, and, with an LLM, ask the model and keep its answer only when it is grounded. Every
 * result, including a timeout, is journaled; one that cannot be journaled is not shown.
 */
export function createAgentRunner(deps: AgentRunnerDeps): AgentRunner {
  const k = deps.k ?? 4;

  async function analyse(agent: Agent, request: AgentRunRequest): Promise<Outcome> {
    const { intent, ctx } = request;
    const needs = agent.needs ?? [];
    const [news, fundamentals] = await Promise.all([
      needs.includes('news') && deps.news
        ? deps.news.forSymbol(ctx.symbol, newsWindow(ctx.asOf))
        : Promise.resolve([]),
      needs.includes('fundamentals') && deps.fundamentals
        ? deps.fundamentals.get(ctx.symbol)
        : Promise.resolve(undefined),
    ]);
    const base = { intent, ctx, news, fundamentals };
    let chunks: RetrievedChunk[] = [];
    let retrievalError: string | undefined;
    if (deps.retriever) {
      // The reading is background: without it the rules still hold, so a store outage costs the
      // passages, not the agent's answer.
      try {
        chunks = await deps.retriever.retrieve(agent.query(base), { domain: agent.domain, k });
      } catch (error) {
        retrievalError = errorText(error);
        deps.logger?.warn(
          { agent: agent.id, error: retrievalError },
          'knowledge retrieval failed; answering without passages',
        );
      }
      if (deps.guardrails && chunks.length > 0)
        chunks = (await deps.guardrails.retrieved(chunks, guardContext(request))).kept;
    }
    const input: AgentInput = { ...base, chunks };
    const rules = agent.analyse(input);
    const cited = chunks.map((c) => ({ chunkId: c.chunkId, docPath: c.docPath, heading: c.heading }));
    const ruleOutcome = (fallbackReason?: string, llmCallIds: string[] = []): Outcome => ({
      agent: agent.id,
      title: agent.title,
      mode: 'rules',
      provider: RULES_PROVIDER,
      model: RULES_MODEL,
      facts: rules.facts,
      chunks: cited,
      llmCallIds,
      recommendation: fallbackReason
        ? withFallbackNote(rules.recommendation, fallbackReason)
        : rules.recommendation,
      ...(fallbackReason ? { fallbackReason } : {}),
      ...(retrievalError ? { retrievalError } : {}),
    });
    // An abstention means the facts are missing: there is nothing to ground a model's answer in.
    if (!deps.llm || isAbstention(rules.recommendation)) return ruleOutcome();
    const answer = await askLlm(deps.llm, agent, input, rules.facts, {
      userId: request.userId,
      requestId: request.requestId ?? request.evalId ?? undefined,
    });
    if (!answer.ok) return ruleOutcome(answer.reason, answer.llmCallIds);
    const screened = await screenOutput(answer.recommendation, request);
    if (!screened.ok) return ruleOutcome(screened.reason, answer.llmCallIds);
    return {
      agent: agent.id,
      title: agent.title,
      mode: 'llm',
      provider: deps.llm.provider,
      model: deps.llm.model,
      recommendation: screened.recommendation,
      facts: rules.facts,
      chunks: cited,
      llmCallIds: answer.llmCallIds,
      ...(retrievalError ? { retrievalError } : {}),
    };
  }

  async function screenOutput(
    rec: AgentRecommendation,
    request: AgentRunRequest,
  ): Promise<{ ok: true; recommendation: AgentRecommendation } | { ok: false; reason: string }> {
    const guardrails = deps.guardrails;
    if (!guardrails) return { ok: true, recommendation: rec };
    const ctx = guardContext(request);
    const reasoning = await guardrails.output(rec.reasoning, ctx);
    const factors = await Promise.all(rec.key_factors.map((f) => guardrails.output(f.factor, ctx)));
    if (reasoning.blocked || factors.some((f) => f.blocked))
      return {
        ok: false,
        reason: 'the output guardrail blocked the LLM answer (forecast, promise or personal advice)',
      };
    // A factor is one claim with its evidence: one the guard cut into is left out whole, rather
    // than shown as the removal note beside a number it no longer explains.
    const kept = rec.key_factors
      .map((f, i) => ({ ...f, factor: factors[i]?.text ?? f.factor }))
      .filter((f) => !f.factor.includes(REMOVED_NOTE));
    return {
      ok: true,
      recommendation: {
        ...rec,
        reasoning: reasoning.text,
        key_factors: kept,
      },
    };
  }

  async function runOne(agent: Agent, request: AgentRunRequest): Promise<AgentRun> {
    const started = performance.now();
    let outcome: Outcome;
    let status: AgentRun['status'] = 'ok';
    let failure: string | undefined;
    try {
      outcome = await withTimeout(analyse(agent, request), deps.timeoutMs);
    } catch (error) {
      status = error instanceof AgentTimeout ? 'timeout' : 'failed';
      failure = errorText(error);
      deps.logger?.warn({ agent: agent.id, evalId: request.evalId, error: failure }, 'agent did not answer');
      const name = agent.title.toLowerCase();
      const why =
        status === 'timeout'
          ? `the ${name} agent did not answer within ${deps.timeoutMs} ms`
          : `the ${name} agent failed; the audit has the details`;
      outcome = {
        agent: agent.id,
        title: agent.title,
        mode: 'rules',
        provider: 'none',
        model: '',
        recommendation: abstain(why),
        facts: {},
        chunks: [],
        llmCallIds: [],
      };
    }
    const latencyMs = performance.now() - started;
    try {
      const { id } = await deps.journal.record({
        agent: agent.id,
        recommendation: outcome.recommendation,
        provider: outcome.provider,
        model: outcome.model,
        evalId: request.evalId,
        chartId: request.chartId,
        userId: request.userId,
        symbol: request.ctx.symbol,
        timeframe: request.intent.timeframe,
        indicatorsSnapshot: {
          facts: outcome.facts,
          status,
          mode: outcome.mode,
          ...(outcome.fallbackReason ? { fallbackReason: outcome.fallbackReason } : {}),
          ...(outcome.retrievalError ? { retrievalError: outcome.retrievalError } : {}),
          ...(failure ? { error: failure } : {}),
        },
        retrievedChunkIds: outcome.chunks.map((c) => c.chunkId),
        llmCallIds: outcome.llmCallIds,
      });
      return { ...outcome, status, journalId: id, latencyMs };
    } catch (error) {
      deps.logger?.warn(
        { agent: agent.id, evalId: request.evalId, error: errorText(error) },
        'agent result not journaled',
      );
      const recommendation = abstain(
        `the ${agent.title.toLowerCase()} result could not be recorded in the journal, so it is not shown`,
      );
      return { ...outcome, status: 'failed', recommendation, latencyMs };
    }
  }

  return {
    mode: deps.llm ? 'llm' : 'rules',
    run: (request) => Promise.all(deps.agents.map((agent) => runOne(agent, request))),
  };
}

function guardContext(request: AgentRunRequest) {
  return { userId: request.userId, requestId: request.requestId, evalId: request.evalId ?? undefined };
}

/** The rule-mode answer, saying why it stands in for the model's. */
function withFallbackNote(rec: AgentRecommendation, reason: string): AgentRecommendation {
  const note = reason.length > FALLBACK_NOTE_CHARS ? `${reason.slice(0, FALLBACK_NOTE_CHARS - 1)}…` : reason;
  const reasoning = `Rule mode: ${note}. ${rec.reasoning}`;
  return { ...rec, reasoning: reasoning.length > 2_000 ? `${reasoning.slice(0, 1_999)}…` : reasoning };
}

class AgentTimeout extends Error {}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AgentTimeout(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}
