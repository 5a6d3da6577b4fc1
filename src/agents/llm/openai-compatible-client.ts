import { describeConnectionFailure, describeHttpFailure } from './attempt-text.js';
import type { TokenBudget } from './budget.js';
import { createStructuredClient } from './engine.js';
import { LlmError, llmError } from './errors.js';
import { backoffMs, isRetryableStatus, retryAfterMs, sleep } from './http-retry.js';
import { scrubbingLogger } from './logger.js';
import { ChatCompletion, toRequestBody, toTurn, type OpenAiStructuredMode } from './openai-wire.js';
import { createScrubber } from './scrub.js';
import { isSpendLimitResponse } from './spend-limit.js';
import type { AttemptLog, Transport, TransportInput, TransportOutcome } from './transport.js';
import {
  DEFAULT_RECORD_LIMITS,
  type LlmCallRecorder,
  type LlmClient,
  type LlmLogger,
  type RecordLimits,
} from './types.js';

export interface OpenAiCompatibleClientOptions {
  /** Up to and including the version segment, e.g. `http://127.0.0.1:11434/v1` for Ollama. */
  baseURL: string;
  /** Optional: local servers (Ollama, vLLM) usually run without one. */
  apiKey?: string;
  model: string;
  /** Name written to `llm_calls.provider`, e.g. 'ollama' or 'openai'. */
  provider?: string;
  mode?: OpenAiStructuredMode;
  /** OpenAI's reasoning models only accept `max_completion_tokens`; most servers accept `max_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  timeoutMs?: number;
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for: the call fails as unavailable instead. */
  maxRetryAfterMs?: number;
  recorder: LlmCallRecorder;
  budget?: TokenBudget;
  limits?: Partial<RecordLimits>;
  logger?: LlmLogger;
  defaultMaxTokens?: number;
  maxTokensCeiling?: number;
}

/**
 * Structured output from any OpenAI-compatible `/chat/completions` endpoint over plain fetch.
 * Why not the `openai` package: Ollama and vLLM differ from OpenAI in small ways (max_tokens,
 * JSON mode), and we need our own hook on every attempt for recording and spend-limit
 * detection anyway; a single POST plus the retry loop below is less than that SDK's wiring.
 */
export function createOpenAiCompatibleClient(options: OpenAiCompatibleClientOptions): LlmClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.maxRetries ?? 2;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  const url = `${options.baseURL.replace(/\/+$/, '')}/chat/completions`;
  const mode = options.mode ?? 'json_object';
  const scrub = createScrubber([options.apiKey]);
  const logger = options.logger ? scrubbingLogger(options.logger, scrub) : undefined;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers['authorization'] = `Bearer ${options.apiKey}`;

  async function send(input: TransportInput): Promise<TransportOutcome> {
    const body = JSON.stringify(
      toRequestBody(options.model, input, mode, options.maxTokensField ?? 'max_tokens'),
    );
    const attempts: AttemptLog[] = [];
    for (let retry = 0; ; retry += 1) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      let response: Response;
      let text: string;
      try {
        // The signal also covers reading the body, so a server that stalls mid-answer times out too.
        response = await fetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        const description = describeConnectionFailure(error, timeoutMs);
        attempts.push({
          status: null,
          rawResponse: '',
          latencyMs: elapsed(),
          providerRequestId: null,
          error: description,
        });
        if (retry < maxRetries) {
          logger?.warn(`${url} ${description}; retrying (${maxRetries - retry} left)`);
          await sleep(backoffMs(retry));
          continue;
        }
        const timedOut = description.startsWith('request timed out');
        const code = timedOut ? 'llm-timeout' : 'llm-unavailable';
        return {
          ok: false,
          attempts,
          error: llmError(code, `${options.model} at ${url}: ${description} (retries exhausted)`),
        };
      }
      const providerRequestId = response.headers.get('x-request-id');
      const failure = response.ok ? null : describeHttpFailure(response.status, text);
      attempts.push({
        status: response.status,
        rawResponse: text,
        latencyMs: elapsed(),
        providerRequestId,
        error: failure,
      });
      if (failure === null) return parseSuccess(text, attempts, input);

      if (isSpendLimitResponse(response.status, text)) {
        return { ok: false, attempts, error: llmError('llm-spend-limit', failure) };
      }
      const retryable = isRetryableStatus(response.status);
      const wait = retryAfterMs(response.headers) ?? backoffMs(retry);
      if (retryable && retry < maxRetries && wait <= maxRetryAfter) {
        logger?.warn(`${url} ${failure}; retrying in ${Math.round(wait)} ms (${maxRetries - retry} left)`);
        await sleep(wait);
        continue;
      }
      return {
        ok: false,
        attempts,
        error: new LlmError({ code: 'llm-unavailable', message: failure, retryable }),
      };
    }
  }

  function parseSuccess(text: string, attempts: AttemptLog[], input: TransportInput): TransportOutcome {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = ChatCompletion.safeParse(json);
    if (!parsed.success) {
      return { ok: false, attempts, error: llmError('llm-unavailable', 'response is not a chat completion') };
    }
    const last = attempts[attempts.length - 1];
    if (last && !last.providerRequestId && parsed.data.id) last.providerRequestId = parsed.data.id;
    return { ok: true, attempts, turn: toTurn(parsed.data, input.tool.name) };
  }

  const transport: Transport = { send };
  return createStructuredClient({
    provider: options.provider ?? 'openai-compatible',
    model: options.model,
    transport,
    recorder: options.recorder,
    budget: options.budget,
    limits: { ...DEFAULT_RECORD_LIMITS, ...options.limits },
    scrub,
    defaultMaxTokens: options.defaultMaxTokens ?? 1024,
    maxTokensCeiling: options.maxTokensCeiling ?? 8192,
  });
}
