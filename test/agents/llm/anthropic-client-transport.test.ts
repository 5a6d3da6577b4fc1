import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAnthropicClient,
  createMemoryLlmCallRecorder,
  createTokenBudget,
  type MemoryLlmCallRecorder,
  type TokenBudget,
} from '../../../src/agents/llm/index.js';
import {
  anthropicReplies as reply,
  startFakeAnthropicServer,
  type ScriptedServer,
} from '../../helpers/fake-anthropic-server.js';
import { API_KEY, captureLogger, request, VALID } from './fixture.js';

let server: ScriptedServer;
let recorder: MemoryLlmCallRecorder;
let logs: ReturnType<typeof captureLogger>;

beforeAll(async () => {
  server = await startFakeAnthropicServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  recorder = createMemoryLlmCallRecorder();
  logs = captureLogger();
});

function client(opts: { maxRetries?: number; timeoutMs?: number; budget?: TokenBudget } = {}) {
  return createAnthropicClient({
    apiKey: API_KEY,
    model: 'claude-test',
    baseURL: server.url,
    recorder,
    logger: logs,
    logLevel: 'debug',
    ...opts,
  });
}

const ok = () => reply.toolUse('agent_recommendation', VALID);

function expectNoSecret() {
  expect(JSON.stringify({ calls: recorder.calls, logs: logs.lines })).not.toContain(API_KEY);
}

describe('createAnthropicClient transport failures', () => {
  it('when a 429 rate limit says retry-after 1, then the SDK waits about a second and the retry succeeds', async () => {
    server.enqueue(
      reply.error(429, 'rate_limit_error', 'Number of requests has exceeded your per-minute rate limit', {
        headers: { 'retry-after': '1' },
      }),
      ok(),
    );
    const result = await client().generate(request());

    expect(result.ok).toBe(true);
    const [first, second] = server.requests;
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
    expect(recorder.calls.map((c) => [c.attempt, c.turn, c.error?.slice(0, 25) ?? null])).toEqual([
      [1, 1, 'HTTP 429 rate_limit_error'],
      [2, 1, null],
    ]);
    expect(recorder.calls[0]?.rawResponse).toContain('per-minute rate limit');
    expectNoSecret();
  });

  it.each([
    [
      'an enforced spend limit code',
      reply.error(429, 'rate_limit_error', 'You have reached your specified API usage limits.', {
        errorCode: 'enforced_spend_limit_reached',
      }),
    ],
    ['a billing error type', reply.error(429, 'billing_error', 'Spend limit reached for this workspace.')],
    [
      'a credit balance message',
      reply.error(
        400,
        'invalid_request_error',
        'Your credit balance is too low to access the Anthropic API.',
      ),
    ],
  ])(
    'when the provider answers with %s, then it is llm-spend-limit and not retried',
    async (_label, answer) => {
      server.enqueue(answer, ok());
      const result = await client().generate(request());

      expect(!result.ok && result.error.code).toBe('llm-spend-limit');
      expect(!result.ok && result.error.retryable).toBe(false);
      expect(server.requests).toHaveLength(1);
      expect(recorder.calls).toHaveLength(1);
      expect(server.pending()).toBe(1);
    },
  );

  it('when a 429 asks for a wait longer than maxRetryAfterMs, then it fails at once as llm-unavailable', async () => {
    server.enqueue(
      reply.error(429, 'rate_limit_error', 'slow down', { headers: { 'retry-after': '120' } }),
      ok(),
    );
    const started = Date.now();
    const result = await client().generate(request());
    expect(result).toMatchObject({ ok: false, error: { code: 'llm-unavailable', retryable: true } });
    expect(server.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('when the server fails with 500 once, then the SDK retries and the success is returned', async () => {
    server.enqueue(reply.error(500, 'api_error', 'Internal server error'), ok());
    const result = await client().generate(request());

    expect(result.ok).toBe(true);
    expect(server.requests).toHaveLength(2);
    expect(recorder.calls.map((c) => c.error?.slice(0, 18) ?? null)).toEqual(['HTTP 500 api_error', null]);
    expect(recorder.calls.map((c) => c.providerRequestId)).toEqual([
      expect.stringMatching(/^req_/),
      expect.stringMatching(/^req_/),
    ]);
  });

  it('when the API stays overloaded (529), then after maxRetries it is llm-unavailable and every attempt is recorded', async () => {
    const overloaded = () => reply.error(529, 'overloaded_error', 'Overloaded');
    server.enqueue(overloaded(), overloaded(), overloaded());
    const result = await client({ maxRetries: 2 }).generate(request());

    expect(!result.ok && result.error.code).toBe('llm-unavailable');
    expect(!result.ok && result.error.retryable).toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(recorder.calls.map((c) => [c.attempt, c.error])).toEqual([
      [1, 'HTTP 529 overloaded_error: Overloaded'],
      [2, 'HTTP 529 overloaded_error: Overloaded'],
      [3, 'HTTP 529 overloaded_error: Overloaded'],
    ]);
    expect(!result.ok && result.callIds).toEqual(recorder.calls.map((c) => c.id));
  });

  it('when the connection is reset once, then the SDK retries and the success is returned', async () => {
    server.enqueue({ kind: 'destroy' }, ok());
    const result = await client().generate(request());

    expect(result.ok).toBe(true);
    expect(recorder.calls[0]).toMatchObject({
      attempt: 1,
      rawResponse: '',
      error: expect.stringMatching(/^connection error/),
    });
    expect(recorder.calls[1]?.error).toBeNull();
  });

  it('when the connection keeps being reset, then it is llm-unavailable', async () => {
    server.enqueue({ kind: 'destroy' }, { kind: 'destroy' });
    const result = await client({ maxRetries: 1 }).generate(request());
    expect(!result.ok && result.error.code).toBe('llm-unavailable');
    expect(recorder.calls).toHaveLength(2);
  });

  it('when the server never answers, then each attempt times out and the result is llm-timeout', async () => {
    server.enqueue({ kind: 'hang' }, { kind: 'hang' });
    const started = Date.now();
    const result = await client({ timeoutMs: 300, maxRetries: 1 }).generate(request());

    expect(!result.ok && result.error.code).toBe('llm-timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(server.requests).toHaveLength(2);
    expect(recorder.calls.map((c) => c.error)).toEqual([
      'request timed out after 300 ms',
      'request timed out after 300 ms',
    ]);
    expect(recorder.calls.every((c) => c.latencyMs >= 290)).toBe(true);
  });

  it('when the user has used the daily token budget, then no request is sent and the user is told rule mode is used', async () => {
    const budget = createTokenBudget({ perUserDailyTokens: 200, maxCallsPerRequest: 10 });
    server.enqueue(ok(), ok());
    expect((await client({ budget }).generate(request())).ok).toBe(true); // 160 tokens used
    expect((await client({ budget }).generate(request())).ok).toBe(true); // 320: now over
    const result = await client({ budget }).generate(request());

    expect(!result.ok && result.error.code).toBe('llm-budget-exceeded');
    expect(!result.ok && result.error.userMessage).toMatch(/daily AI budget.*rule mode/);
    expect(server.requests).toHaveLength(2);
    expect(await budget.usedToday('U123')).toBe(320);
    expect(recorder.calls).toHaveLength(2);
  });

  it('when one request has made its maximum number of calls, then the next is refused before sending', async () => {
    const budget = createTokenBudget({ perUserDailyTokens: 1_000_000, maxCallsPerRequest: 2 });
    server.enqueue(reply.text('not json'), ok());
    expect((await client({ budget }).generate(request())).ok).toBe(true); // invalid + re-ask = 2 calls
    const result = await client({ budget }).generate(request());
    expect(!result.ok && result.error.code).toBe('llm-budget-exceeded');
    expect(server.requests).toHaveLength(2);
  });
});
