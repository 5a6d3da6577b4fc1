import type { Logger } from 'pino';
import {
  createAuditRepository,
  createChartRepository,
  createKnowledgeRepository,
  type Db,
  type EvaluationRepository,
} from '../../db/index.js';
import { createExplainer, type Explainer } from '../explain/index.js';
import { createGuardrails, type Guardrails } from '../guardrails/index.js';
import {
  createAnthropicClient,
  createOpenAiCompatibleClient,
  createTokenBudget,
  type LlmClient,
  type LlmLogger,
  type RecordLimits,
} from '../llm/index.js';
import { createAuditService, type AuditService, type ChunkLookup } from './service.js';

/** The LLM part of the config, as plain values (src/app.ts maps the environment onto it). */
export interface LlmSettings {
  anthropic?: { apiKey: string; model: string; baseURL?: string | undefined } | undefined;
  openAiCompatible?: { baseURL: string; model: string; apiKey?: string | undefined } | undefined;
  timeoutMs: number;
  maxRetries: number;
  userDailyTokens: number;
  maxCallsPerRequest: number;
  recordLimits: RecordLimits;
}

export interface AuditStack {
  audit: AuditService;
  guardrails: Guardrails;
  explainer: Explainer;
  llm: LlmClient | undefined;
}

/** pino takes (object, message); the SDK logs (message, details): keep the details. */
function llmLogger(logger: Logger): LlmLogger {
  const child = logger.child({ component: 'llm' });
  const wrap =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, ...rest: unknown[]) =>
      rest.length > 0 ? child[level]({ details: rest }, message) : child[level](message);
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

/** The SDK's own log level follows the app's, so `LOG_LEVEL=debug` shows each provider request. */
function sdkLevel(level: string): 'debug' | 'info' | 'warn' | 'error' | 'off' {
  if (level === 'trace' || level === 'debug') return 'debug';
  if (level === 'info' || level === 'warn' || level === 'error') return level;
  return level === 'fatal' ? 'error' : 'off';
}

/**
 * Builds the LLM client (Anthropic when a key is set, else an OpenAI-compatible endpoint, else
 * none), recording every attempt to `llm_calls`, plus the guardrails, the explainer and the
 * audit read side. `secrets` are every configured credential, scrubbed wherever text is stored.
 */
export function createAuditStack(deps: {
  db: Db;
  evaluations: Pick<EvaluationRepository, 'getEvaluation'>;
  llm: LlmSettings;
  secrets: ReadonlyArray<string | undefined>;
  maxInputChars: number;
  logger: Logger;
  chunks?: ChunkLookup | undefined;
}): AuditStack {
  const knowledge = createKnowledgeRepository(deps.db);
  const chunks: ChunkLookup =
    deps.chunks ??
    (async (ids) =>
      (await knowledge.chunksByIds(ids)).map((c) => ({
        chunkId: c.id,
        docPath: c.docPath,
        heading: c.heading,
        text: c.text,
      })));
  const audit = createAuditService({
    evaluations: deps.evaluations,
    audit: createAuditRepository(deps.db),
    secrets: deps.secrets,
    chunks,
    charts: createChartRepository(deps.db),
  });
  const guardrails = createGuardrails({ journal: audit.guardrailJournal, maxInputChars: deps.maxInputChars });
  const s = deps.llm;
  const common = {
    recorder: audit.recorder,
    budget: createTokenBudget({
      perUserDailyTokens: s.userDailyTokens,
      maxCallsPerRequest: s.maxCallsPerRequest,
    }),
    limits: s.recordLimits,
    timeoutMs: s.timeoutMs,
    maxRetries: s.maxRetries,
    logger: llmLogger(deps.logger),
  };
  const llm = s.anthropic
    ? createAnthropicClient({
        ...common,
        logLevel: sdkLevel(deps.logger.level),
        apiKey: s.anthropic.apiKey,
        model: s.anthropic.model,
        ...(s.anthropic.baseURL ? { baseURL: s.anthropic.baseURL } : {}),
      })
    : s.openAiCompatible
      ? createOpenAiCompatibleClient({
          ...common,
          baseURL: s.openAiCompatible.baseURL,
          model: s.openAiCompatible.model,
          ...(s.openAiCompatible.apiKey ? { apiKey: s.openAiCompatible.apiKey } : {}),
        })
      : undefined;
  const explainer = createExplainer({ guardrails, llm, linkCalls: audit.linkCalls });
  return { audit, guardrails, explainer, llm };
}
