import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryLlmCallRecorder,
  createOpenAiCompatibleClient,
  createTokenBudget,
  type MemoryLlmCallRecorder,
  type OpenAiCompatibleClientOptions,
} from '../../../src/agents/llm/index.js';
import {
  openAiReplies as reply,
  startFakeOpenAiServer,
  type ScriptedServer,
} from '../../helpers/fake-openai-server.js';
import { API_KEY, captureLogger, request, VALID } from './fixture.js';

let server: ScriptedServer;
let recorder: MemoryLlmCallRecorder;
let logs: ReturnType<typeof captureLogger>;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  recorder = createMemoryLlmCallRecorder();
  logs = captureLogger();
});

function client(opts: Partial<OpenAiCompatibleClientOptions> = {}) {
  return createOpenAiCompatibleClient({
    baseURL: `${server.url}/v1`,
    apiKey: API_KEY,
    model: 'llama3.1:8b',
    provider: 'ollama',
    recorder,
    logger: logs,
    ...opts,
  });
}

type Body = {
  messages: Array<{ role: string; content: unknown; tool_call_id?: string }>;
  [key: string]: unknown;
};
const bodies = () => server.requests.map((r) => r.body as Body);
const ok = () => reply.content(JSON.stringify(VALID));

describe('createOpenAiCompatibleClient', () => {
  it('when JSON mode answers validly, then the value is returned and the request carries the schema', async () => {
    server.enqueue(
      reply.content(JSON.stringify(VALID), {
        usage: { prompt_tokens: 200, completion_tokens: 60, prompt_tokens_details: { cached_tokens: 128 } },
      }),
    );
    const result = await client().generate(request());

    expect(result.ok && result.value).toEqual(VALID);
    const body = bodies()[0];
    expect(body).toMatchObject({
      model: 'llama3.1:8b',
      max_tokens: 1024,
      response_format: { type: 'json_object' },
    });
    expect(body?.messages[0]?.role).toBe('system');
    expect(String(body?.messages[0]?.content)).toContain('"key_factors"');
    expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
    expect(recorder.calls[0]).toMatchObject({
      provider: 'ollama',
      model: 'llama3.1:8b',
      inputTokens: 200,
      outputTokens: 60,
      cacheReadTokens: 128,
      stopReason: 'stop',
      providerRequestId: expect.stringMatching(/^req_/),
      attempt: 1,
      turn: 1,
      error: null,
      parsedOutput: VALID,
    });
  });

  it('when no API key is configured, then no authorization header is sent', async () => {
    server.enqueue(ok());
    const result = await createOpenAiCompatibleClient({
      baseURL: `${server.url}/v1`,
      model: 'm',
      recorder,
    }).generate(request());
    expect(result.ok).toBe(true);
    expect(server.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('when tools mode gets an invalid call then a valid one, then the re-ask answers the tool call with the errors', async () => {
    server.enqueue(
      reply.toolCall('agent_recommendation', { ...VALID, recommendation: 'STRONG BUY' }),
      reply.toolCall('agent_recommendation', VALID),
    );
    const result = await client({ mode: 'tools' }).generate(request());

    expect(result.ok && result.value).toEqual(VALID);
    expect(bodies()[0]).toMatchObject({
      tool_choice: { type: 'function', function: { name: 'agent_recommendation' } },
    });
    const messages = bodies()[1]?.messages ?? [];
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(String(messages[3]?.content)).toContain('recommendation');
    expect(recorder.calls.map((c) => [c.turn, c.error === null])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('when JSON mode answers prose twice, then the result is llm-invalid-output with no value', async () => {
    server.enqueue(reply.content('Hold, probably.'), reply.content('{"recommendation": "HOLD"}'));
    const result = await client().generate(request());

    expect(result).toMatchObject({ ok: false, error: { code: 'llm-invalid-output' } });
    expect(result).not.toHaveProperty('value');
    expect(bodies()[1]?.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(recorder.calls).toHaveLength(2);
  });

  it('when the answer has extra fields, then they are dropped and reported', async () => {
    server.enqueue(reply.content(JSON.stringify({ ...VALID, target_price: 210 })));
    const result = await client().generate(request());
    expect(result.ok && result.value).toEqual(VALID);
    expect(result.ok && result.extraFields).toEqual(['target_price']);
  });

  it('when finish_reason is length twice, then it re-asks with a larger limit and ends llm-truncated', async () => {
    server.enqueue(
      reply.content('{"recommendation":', { finishReason: 'length' }),
      reply.content('{"recommendation": "HO', { finishReason: 'length' }),
    );
    const result = await client({ maxTokensField: 'max_completion_tokens' }).generate(
      request({ maxTokens: 256 }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'llm-truncated' } });
    expect(bodies().map((b) => b['max_completion_tokens'])).toEqual([256, 512]);
  });

  it('when the model refuses, then the result is llm-refused', async () => {
    server.enqueue(reply.refusal('I cannot give trading advice.'));
    const result = await client().generate(request());
    expect(result).toMatchObject({ ok: false, error: { code: 'llm-refused' } });
    expect(server.requests).toHaveLength(1);
  });

  it('when a 429 says Retry-After 1, then the client waits about a second and retries', async () => {
    server.enqueue(
      reply.error(429, 'rate_limit_exceeded', 'Rate limit reached for requests', {
        headers: { 'retry-after': '1' },
      }),
      ok(),
    );
    const result = await client().generate(request());

    expect(result.ok).toBe(true);
    const [first, second] = server.requests;
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
    expect(recorder.calls.map((c) => c.error)).toEqual([
      'HTTP 429 rate_limit_exceeded: Rate limit reached for requests',
      null,
    ]);
  });

  it('when a 429 asks for a wait longer than maxRetryAfterMs, then it fails at once as llm-unavailable', async () => {
    server.enqueue(
      reply.error(429, 'rate_limit_exceeded', 'slow down', { headers: { 'retry-after': '5' } }),
      ok(),
    );
    const result = await client({ maxRetryAfterMs: 2_000 }).generate(request());
    expect(result).toMatchObject({ ok: false, error: { code: 'llm-unavailable', retryable: true } });
    expect(server.requests).toHaveLength(1);
  });

  it('when a 429 means the quota is used up, then it is llm-spend-limit and not retried', async () => {
    server.enqueue(
      reply.error(
        429,
        'insufficient_quota',
        'You exceeded your current quota, please check your plan and billing details.',
        { code: 'insufficient_quota' },
      ),
      ok(),
    );
    const result = await client().generate(request());
    expect(result).toMatchObject({ ok: false, error: { code: 'llm-spend-limit', retryable: false } });
    expect(server.requests).toHaveLength(1);
    expect(server.pending()).toBe(1);
  });

  it('when the server fails with 500 then succeeds, then the success is returned and both attempts recorded', async () => {
    server.enqueue(reply.error(500, 'server_error', 'boom'), ok());
    const result = await client().generate(request());
    expect(result.ok).toBe(true);
    expect(recorder.calls.map((c) => [c.attempt, c.error])).toEqual([
      [1, 'HTTP 500 server_error: boom'],
      [2, null],
    ]);
  });

  it('when the server stays at 503, then after maxRetries it is llm-unavailable', async () => {
    server.enqueue(
      reply.error(503, 'server_error', 'loading model'),
      reply.error(503, 'server_error', 'loading model'),
    );
    const result = await client({ maxRetries: 1 }).generate(request());
    expect(result).toMatchObject({ ok: false, error: { code: 'llm-unavailable', retryable: true } });
    expect(recorder.calls).toHaveLength(2);
  });

  it('when the connection is reset once, then it retries and succeeds', async () => {
    server.enqueue({ kind: 'destroy' }, ok());
    const result = await client().generate(request());
    expect(result.ok).toBe(true);
    expect(recorder.calls[0]?.error).toMatch(/^connection error/);
  });

  it('when the server never answers, then each attempt times out and the result is llm-timeout', async () => {
    server.enqueue({ kind: 'hang' }, { kind: 'hang' });
    const result = await client({ timeoutMs: 300, maxRetries: 1 }).generate(request());
    expect(result).toMatchObject({ ok: false, error: { code: 'llm-timeout' } });
    expect(recorder.calls.map((c) => c.error)).toEqual([
      'request timed out after 300 ms',
      'request timed out after 300 ms',
    ]);
  });

  it('when the daily budget is spent, then nothing is sent', async () => {
    const budget = createTokenBudget({ perUserDailyTokens: 100, maxCallsPerRequest: 10 });
    server.enqueue(ok());
    await client({ budget }).generate(request());
    const result = await client({ budget }).generate(request());
    expect(result).toMatchObject({ ok: false, error: { code: 'llm-budget-exceeded' } });
    expect(server.requests).toHaveLength(1);
  });

  it('when a proxy echoes the key back, then it appears in no record, error or log line', async () => {
    server.enqueue(
      reply.error(502, 'proxy_error', `upstream rejected Authorization: Bearer ${API_KEY}`),
      reply.error(502, 'proxy_error', `key ${API_KEY}`),
    );
    const result = await client({ maxRetries: 1 }).generate(request());
    const everything = JSON.stringify({
      calls: recorder.calls,
      message: !result.ok && result.error.message,
      logs: logs.lines,
    });
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(everything).toContain('proxy_error');
    expect(everything).not.toContain('TESTSECRET');
  });
});
