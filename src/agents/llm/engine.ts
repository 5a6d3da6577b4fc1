import type { TokenBudget } from './budget.js';
import { LlmError, llmError } from './errors.js';
import { extractJson } from './json-extract.js';
import { finalizeRecord, type RawCallRecord } from './record.js';
import type { Scrubber } from './scrub.js';
import {
  NO_USAGE,
  type AttemptLog,
  type ProviderTurn,
  type ToolSpec,
  type Transport,
  type TransportInput,
} from './transport.js';
import type {
  LlmCallRecorder,
  LlmClient,
  RecordLimits,
  StructuredRequest,
  StructuredResult,
} from './types.js';
import { promptHash, toJsonSchema, validateOutput } from './validate.js';

export interface EngineDeps {
  provider: string;
  model: string;
  transport: Transport;
  recorder: LlmCallRecorder;
  budget?: TokenBudget | undefined;
  limits: RecordLimits;
  scrub: Scrubber;
  defaultMaxTokens: number;
  /** Upper bound for the larger limit used when re-asking after a `max_tokens` stop. */
  maxTokensCeiling: number;
}

type Interpretation<T> =
  | { kind: 'valid'; value: T; extraFields: string[] }
  | { kind: 'reask'; reason: string; input: TransportInput }
  | { kind: 'fail'; error: LlmError };

function budgetError(reason: 'daily-tokens' | 'calls-per-request', used: number, limit: number): LlmError {
  const what =
    reason === 'daily-tokens'
      ? `daily token budget (${used}/${limit} tokens)`
      : `per-request call cap (${used}/${limit} calls)`;
  return llmError('llm-budget-exceeded', `LLM ${what} reached; rule mode used instead`);
}

/**
 * The provider-neutral contract: budget check, one question, validation, at most one re-ask
 * (invalid output or `max_tokens`), and one record per HTTP attempt.
 */
export function createStructuredClient(deps: EngineDeps): LlmClient {
  const { provider, model, transport, recorder, budget, limits, scrub } = deps;

  async function generate<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    const tool: ToolSpec = {
      name: request.toolName,
      description: request.toolDescription,
      jsonSchema: toJsonSchema(request.schema),
    };
    const hash = promptHash(request.system, request.user, tool.jsonSchema);
    const key = { userId: request.userId, requestId: request.requestId };
    const callIds: string[] = [];
    let attempt = 0;

    const record = async (
      turn: number,
      userPrompt: string,
      log: AttemptLog,
      extra: Partial<RawCallRecord>,
    ) => {
      attempt += 1;
      const raw: RawCallRecord = {
        provider,
        model,
        purpose: request.purpose,
        userId: request.userId ?? null,
        requestId: request.requestId ?? null,
        systemPrompt: request.system,
        userPrompt,
        rawResponse: log.rawResponse,
        parsedOutput: null,
        ...NO_USAGE,
        latencyMs: log.latencyMs,
        stopReason: null,
        providerRequestId: log.providerRequestId,
        error: log.error,
        attempt,
        turn,
        promptHash: hash,
        extraFields: [],
        ...extra,
      };
      const { id } = await recorder.record(finalizeRecord(raw, limits, scrub));
      callIds.push(id);
    };
    const fail = (error: LlmError): StructuredResult<T> => ({
      ok: false,
      error: scrubError(error, scrub),
      callIds,
    });

    let input: TransportInput = {
      system: request.system,
      user: request.user,
      tool,
      maxTokens: request.maxTokens ?? deps.defaultMaxTokens,
    };
    for (let turn = 1; turn <= 2; turn += 1) {
      if (budget) {
        const decision = await budget.check(key);
        if (!decision.ok) return fail(budgetError(decision.reason, decision.used, decision.limit));
      }
      const userPrompt = input.reask ? `${input.user}\n\n[re-ask]\n${input.reask.feedback}` : input.user;
      const outcome = await sendSafely(transport, input);
      const last = outcome.attempts.length - 1;
      const tokens = outcome.ok ? outcome.turn.usage.inputTokens + outcome.turn.usage.outputTokens : 0;
      await budget?.charge(key, tokens);

      for (const [i, log] of outcome.attempts.entries()) {
        if (outcome.ok && i === last) continue;
        const error = log.error ?? (i === last && !outcome.ok ? outcome.error.message : 'failed attempt');
        await record(turn, userPrompt, log, { error });
      }
      if (!outcome.ok) return fail(outcome.error);

      const finalLog = outcome.attempts[last] ?? emptyLog();
      const verdict = interpret(request, input, outcome.turn, turn, deps.maxTokensCeiling);
      await record(turn, userPrompt, finalLog, {
        ...outcome.turn.usage,
        stopReason: outcome.turn.stopReason,
        parsedOutput: verdict.kind === 'valid' ? verdict.value : null,
        extraFields: verdict.kind === 'valid' ? verdict.extraFields : [],
        error:
          verdict.kind === 'valid' ? null : verdict.kind === 'reask' ? verdict.reason : verdict.error.message,
      });
      if (verdict.kind === 'valid')
        return { ok: true, value: verdict.value, callIds, extraFields: verdict.extraFields };
      if (verdict.kind === 'fail') return fail(verdict.error);
      input = verdict.input;
    }
    // interpret() never asks for a third turn; this keeps the compiler and readers honest.
    return fail(llmError('llm-invalid-output', 'no valid answer after re-ask'));
  }

  return { provider, model, generate };
}

function interpret<T>(
  request: StructuredRequest<T>,
  input: TransportInput,
  turn: ProviderTurn,
  turnNo: number,
  ceiling: number,
): Interpretation<T> {
  const canReask = turnNo === 1;
  if (turn.stop === 'refused') {
    return {
      kind: 'fail',
      error: llmError('llm-refused', `model refused (stop reason ${turn.stopReason ?? 'unknown'})`),
    };
  }
  if (turn.stop === 'truncated') {
    const reason = `answer cut at max_tokens=${input.maxTokens}`;
    const larger = Math.min(ceiling, input.maxTokens * 2);
    if (!canReask || larger <= input.maxTokens)
      return { kind: 'fail', error: llmError('llm-truncated', reason) };
    return { kind: 'reask', reason, input: { ...input, maxTokens: larger } };
  }
  const candidate =
    turn.structured.kind === 'tool'
      ? { found: true as const, value: turn.structured.input }
      : extractJson(turn.structured.text);
  const problems = candidate.found
    ? validate(request, candidate.value)
    : 'The answer contained no JSON object.';
  if (typeof problems !== 'string') return { kind: 'valid', ...problems };
  const reason = `invalid output: ${problems}`;
  if (!canReask) return { kind: 'fail', error: llmError('llm-invalid-output', reason) };
  const feedback =
    `Your previous answer did not match the required schema:\n${problems}\n` +
    `Answer again by calling the ${request.toolName} tool with every required field valid.`;
  return { kind: 'reask', reason, input: { ...input, reask: { previous: turn, feedback } } };
}

function validate<T>(
  request: StructuredRequest<T>,
  candidate: unknown,
): { value: T; extraFields: string[] } | string {
  const v = validateOutput(request.schema, candidate);
  return v.ok ? { value: v.value, extraFields: v.extraFields } : v.problems;
}

async function sendSafely(transport: Transport, input: TransportInput) {
  try {
    return await transport.send(input);
  } catch (cause) {
    // A transport bug must not take the caller down: it surfaces as an unavailable provider.
    const message = cause instanceof Error ? cause.message : 'transport failed';
    return { ok: false as const, attempts: [], error: llmError('llm-unavailable', message) };
  }
}

function emptyLog(): AttemptLog {
  return { status: null, rawResponse: '', latencyMs: 0, providerRequestId: null, error: null };
}

function scrubError(error: LlmError, scrub: Scrubber): LlmError {
  const clean = scrub(error.message);
  return clean === error.message
    ? error
    : new LlmError({ code: error.code, message: clean, retryable: error.retryable, cause: error.cause });
}
