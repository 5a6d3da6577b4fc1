import Anthropic, { type Middleware } from '@anthropic-ai/sdk';
import type { ContentBlockParam, Message, MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { toLlmError } from './anthropic-errors.js';
import { describeConnectionFailure, describeHttpFailure } from './attempt-text.js';
import type { TokenBudget } from './budget.js';
import { createStructuredClient } from './engine.js';
import { retryAfterMs } from './http-retry.js';
import { scrubbingLogger } from './logger.js';
import { createScrubber } from './scrub.js';
import { isSpendLimitResponse } from './spend-limit.js';
import type { AttemptLog, ProviderTurn, StopKind, Transport, TransportInput } from './transport.js';
import {
  DEFAULT_RECORD_LIMITS,
  type LlmCallRecorder,
  type LlmClient,
  type LlmLogger,
  type RecordLimits,
} from './types.js';

export interface AnthropicClientOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  timeoutMs?: number;
  /** Transport retries done by the SDK (429 honouring retry-after, 408/409/5xx, connection errors). */
  maxRetries?: number;
  /** A Retry-After longer than this is not waited for (the SDK would sleep for any length). */
  maxRetryAfterMs?: number;
  recorder: LlmCallRecorder;
  budget?: TokenBudget;
  limits?: Partial<RecordLimits>;
  logger?: LlmLogger;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'off';
  defaultMaxTokens?: number;
  maxTokensCeiling?: number;
}

const STOPS: Record<string, StopKind> = {
  max_tokens: 'truncated',
  model_context_window_exceeded: 'truncated',
  refusal: 'refused',
};

/** Structured output from Claude through one forced tool call, over the official SDK. */
export function createAnthropicClient(options: AnthropicClientOptions): LlmClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const scrub = createScrubber([options.apiKey]);
  const sdk = new Anthropic({
    apiKey: options.apiKey,
    // Passed explicitly so the SDK never falls back to ANTHROPIC_* variables: config.ts owns env.
    baseURL: options.baseURL ?? 'https://api.anthropic.com',
    webhookKey: null,
    timeout: timeoutMs,
    maxRetries: options.maxRetries ?? 2,
    logLevel: options.logLevel ?? 'warn',
    ...(options.logger ? { logger: scrubbingLogger(options.logger, scrub) } : {}),
  });

  const transport: Transport = {
    async send(input) {
      const attempts: AttemptLog[] = [];
      try {
        const message = await sdk.messages.create(toParams(options.model, input), {
          middleware: [observe(attempts, timeoutMs, maxRetryAfterMs)],
        });
        return { ok: true, attempts, turn: toTurn(message, input.tool.name) };
      } catch (error) {
        return { ok: false, attempts, error: toLlmError(error, timeoutMs) };
      }
    },
  };

  return createStructuredClient({
    provider: 'anthropic',
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

/**
 * Runs around every HTTP attempt inside the SDK's retry loop: logs it for the recorder and
 * marks `x-should-retry: false` (a header the SDK obeys) on spend-limit answers, so a 429
 * that means "out of credit" is not retried like a rate limit, and on answers asking for a
 * wait longer than we accept.
 */
function observe(attempts: AttemptLog[], timeoutMs: number, maxRetryAfterMs: number): Middleware {
  return async (request, next) => {
    const started = performance.now();
    let response: Response;
    try {
      response = await next(request);
    } catch (error) {
      const latencyMs = Math.round(performance.now() - started);
      attempts.push({
        status: null,
        rawResponse: '',
        latencyMs,
        providerRequestId: null,
        error: describeConnectionFailure(error, timeoutMs),
      });
      throw error;
    }
    const body = await response.clone().text();
    const latencyMs = Math.round(performance.now() - started);
    const failed = !response.ok;
    const providerRequestId = response.headers.get('request-id');
    attempts.push({
      status: response.status,
      rawResponse: body,
      latencyMs,
      providerRequestId,
      error: failed ? describeHttpFailure(response.status, body) : null,
    });
    const wait = retryAfterMs(response.headers);
    if (
      failed &&
      (isSpendLimitResponse(response.status, body) || (wait !== undefined && wait > maxRetryAfterMs))
    ) {
      const headers = new Headers(response.headers);
      headers.set('x-should-retry', 'false');
      return new Response(body, { status: response.status, statusText: response.statusText, headers });
    }
    return response;
  };
}

function toParams(model: string, input: TransportInput) {
  const messages: MessageParam[] = [{ role: 'user', content: input.user }];
  if (input.reask) {
    const previous = input.reask.previous.replay as ContentBlockParam[];
    messages.push({ role: 'assistant', content: previous });
    const toolUse = previous.find((b) => b.type === 'tool_use');
    // The API requires a tool_result right after a tool_use; is_error tells the model to fix it.
    const content: ContentBlockParam[] = toolUse
      ? [{ type: 'tool_result', tool_use_id: toolUse.id, is_error: true, content: input.reask.feedback }]
      : [{ type: 'text', text: input.reask.feedback }];
    messages.push({ role: 'user', content });
  }
  return {
    model,
    max_tokens: input.maxTokens,
    system: input.system,
    messages,
    tools: [
      { name: input.tool.name, description: input.tool.description, input_schema: input.tool.jsonSchema },
    ],
    tool_choice: { type: 'tool' as const, name: input.tool.name },
  };
}

function toTurn(message: Message, toolName: string): ProviderTurn {
  const toolUse = message.content.find((b) => b.type === 'tool_use' && b.name === toolName);
  const text = message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n');
  const u = message.usage;
  return {
    structured:
      toolUse && toolUse.type === 'tool_use'
        ? { kind: 'tool', input: toolUse.input }
        : { kind: 'text', text },
    stop: (message.stop_reason && STOPS[message.stop_reason]) || 'complete',
    stopReason: message.stop_reason,
    usage: {
      inputTokens: u.input_tokens,
      outputTokens: u.output_tokens,
      cacheReadTokens: u.cache_read_input_tokens ?? 0,
      cacheWriteTokens: u.cache_creation_input_tokens ?? 0,
    },
    replay: message.content.flatMap(toParam),
  };
}

/** Response blocks replayed as request blocks: only the fields the API accepts back. */
function toParam(block: Message['content'][number]): ContentBlockParam[] {
  if (block.type === 'tool_use')
    return [{ type: 'tool_use', id: block.id, name: block.name, input: block.input }];
  // Empty text blocks are rejected by the API; other block kinds carry nothing a re-ask needs.
  if (block.type === 'text' && block.text.length > 0) return [{ type: 'text', text: block.text }];
  return [];
}
