import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAnthropicClient,
  createMemoryLlmCallRecorder,
  type MemoryLlmCallRecorder,
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

function client(limits = {}) {
  return createAnthropicClient({
    apiKey: API_KEY,
    model: 'claude-test',
    baseURL: server.url,
    recorder,
    limits,
    logger: logs,
    logLevel: 'debug',
  });
}

function sentBodies(): Array<Record<string, unknown>> {
  return server.requests.map((r) => r.body as Record<string, unknown>);
}

describe('createAnthropicClient structured output', () => {
  it('when the model calls the tool with a valid answer, then the value is returned and the call recorded', async () => {
    server.enqueue(
      reply.toolUse('agent_recommendation', VALID, {
        usage: {
          input_tokens: 321,
          output_tokens: 55,
          cache_read_input_tokens: 7,
          cache_creation_input_tokens: 3,
        },
      }),
    );
    const result = await client().generate(request());

    expect(result).toEqual({ ok: true, value: VALID, callIds: [recorder.calls[0]?.id], extraFields: [] });
    const sent = sentBodies()[0];
    expect(sent).toMatchObject({
      model: 'claude-test',
      max_tokens: 1024,
      system: request().system,
      messages: [{ role: 'user', content: request().user }],
      tool_choice: { type: 'tool', name: 'agent_recommendation' },
    });
    const tool = (sent?.['tools'] as Array<{ input_schema: { type: string; required: string[] } }>)[0];
    expect(tool?.input_schema.type).toBe('object');
    expect(tool?.input_schema.required).toEqual(['recommendation', 'confidence', 'reasoning', 'key_factors']);
    // SDK 1.x sends the key as a bearer token.
    expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);

    expect(recorder.calls).toHaveLength(1);
    expect(recorder.calls[0]).toMatchObject({
      provider: 'anthropic',
      model: 'claude-test',
      purpose: 'agent',
      userId: 'U123',
      requestId: 'msg-1',
      inputTokens: 321,
      outputTokens: 55,
      cacheReadTokens: 7,
      cacheWriteTokens: 3,
      stopReason: 'tool_use',
      providerRequestId: expect.stringMatching(/^req_\d+$/),
      error: null,
      attempt: 1,
      turn: 1,
      parsedOutput: VALID,
      extraFields: [],
      truncated: { prompt: false, response: false, output: false },
    });
    expect(recorder.calls[0]?.promptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(recorder.calls[0]?.rawResponse ?? '')).toMatchObject({
      type: 'message',
      stop_reason: 'tool_use',
    });
  });

  it.each([
    [
      'a fenced json block',
      `Here is my answer:\n\`\`\`json\n${JSON.stringify(VALID, null, 2)}\n\`\`\`\nThanks.`,
    ],
    ['an object inside prose', `My view {as an aside} follows: ${JSON.stringify(VALID)} and that is all.`],
  ])(
    'when the model answers with text holding %s, then the JSON is extracted and validated',
    async (_label, text) => {
      server.enqueue(reply.text(text));
      const result = await client().generate(request());
      expect(result.ok && result.value).toEqual(VALID);
      expect(recorder.calls[0]?.stopReason).toBe('end_turn');
    },
  );

  it('when the first answer is invalid, then it re-asks once with the errors and returns the valid second answer', async () => {
    server.enqueue(
      reply.toolUse('agent_recommendation', { ...VALID, confidence: 150 }),
      reply.toolUse('agent_recommendation', VALID),
    );
    const result = await client().generate(request());

    expect(result.ok && result.value).toEqual(VALID);
    expect(server.requests).toHaveLength(2);
    const messages = sentBodies()[1]?.['messages'] as Array<{ role: string; content: unknown }>;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1]?.content).toEqual([
      expect.objectContaining({ type: 'tool_use', name: 'agent_recommendation' }),
    ]);
    const toolResult = (messages[2]?.content as Array<Record<string, unknown>>)[0];
    expect(toolResult).toMatchObject({
      type: 'tool_result',
      is_error: true,
      tool_use_id: (messages[1]?.content as Array<{ id: string }>)[0]?.id,
    });
    expect(String(toolResult?.['content'])).toContain('confidence');

    expect(recorder.calls.map((c) => [c.attempt, c.turn, c.parsedOutput === null])).toEqual([
      [1, 1, true],
      [2, 2, false],
    ]);
    expect(recorder.calls[0]?.error).toMatch(/^invalid output: .*confidence/s);
    expect(recorder.calls[1]?.userPrompt).toContain('[re-ask]');
    expect(recorder.calls[0]?.promptHash).toBe(recorder.calls[1]?.promptHash);
    if (result.ok) expect(result.callIds).toEqual(recorder.calls.map((c) => c.id));
  });

  it('when both answers are invalid, then the result is llm-invalid-output and carries no value', async () => {
    server.enqueue(
      reply.text('I think you should hold.'),
      reply.toolUse('agent_recommendation', { recommendation: 'MAYBE' }),
    );
    const result = await client().generate(request());

    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('value');
    if (!result.ok) expect(result.error.code).toBe('llm-invalid-output');
    expect(server.requests).toHaveLength(2);
    // A text first answer has no tool_use to answer, so the re-ask is plain text.
    const messages = sentBodies()[1]?.['messages'] as Array<{
      content: Array<{ type: string; text?: string }>;
    }>;
    expect(messages[2]?.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringContaining('no JSON object'),
    });
    expect(recorder.calls.map((c) => c.error?.slice(0, 15))).toEqual(['invalid output:', 'invalid output:']);
    expect(recorder.calls.every((c) => c.parsedOutput === null)).toBe(true);
  });

  it('when the answer has fields the schema does not know, then they are dropped and reported', async () => {
    server.enqueue(reply.toolUse('agent_recommendation', { ...VALID, price_target: 250, mood: 'bullish' }));
    const result = await client().generate(request());

    expect(result.ok && result.value).toEqual(VALID);
    expect(result.ok && result.extraFields).toEqual(['price_target', 'mood']);
    expect(recorder.calls[0]?.extraFields).toEqual(['price_target', 'mood']);
    expect(recorder.calls[0]?.parsedOutput).not.toHaveProperty('price_target');
  });

  it('when the answer stops at max_tokens, then it re-asks once with double the limit', async () => {
    server.enqueue(
      reply.toolUse('agent_recommendation', {}, { stopReason: 'max_tokens' }),
      reply.toolUse('agent_recommendation', VALID),
    );
    const result = await client().generate(request({ maxTokens: 300 }));

    expect(result.ok).toBe(true);
    expect(sentBodies().map((b) => b['max_tokens'])).toEqual([300, 600]);
    expect(recorder.calls[0]).toMatchObject({
      stopReason: 'max_tokens',
      error: 'answer cut at max_tokens=300',
      parsedOutput: null,
    });
  });

  it('when both answers stop at max_tokens, then the result is llm-truncated', async () => {
    server.enqueue(
      reply.text('{"recommendation": "HO', { stopReason: 'max_tokens' }),
      reply.text('{"recommendation"', { stopReason: 'max_tokens' }),
    );
    const result = await client().generate(request());
    expect(!result.ok && result.error.code).toBe('llm-truncated');
    expect(recorder.calls).toHaveLength(2);
  });

  it('when the model refuses, then the result is llm-refused without a re-ask', async () => {
    server.enqueue(reply.text('I cannot help with that.', { stopReason: 'refusal' }));
    const result = await client().generate(request());
    expect(!result.ok && result.error.code).toBe('llm-refused');
    expect(!result.ok && result.error.userMessage).toMatch(/rule-based analysis/);
    expect(server.requests).toHaveLength(1);
    expect(recorder.calls[0]).toMatchObject({
      stopReason: 'refusal',
      error: expect.stringContaining('refused'),
    });
  });

  it('when texts exceed the record limits, then they are cut and the flags are set', async () => {
    const long = { ...VALID, reasoning: 'r'.repeat(500) };
    server.enqueue(reply.toolUse('agent_recommendation', long));
    const result = await client({ promptChars: 40, responseChars: 100, outputChars: 80 }).generate(request());

    expect(result.ok && result.value.reasoning).toHaveLength(500);
    const call = recorder.calls[0];
    expect(call?.truncated).toEqual({ prompt: true, response: true, output: true });
    expect(call?.userPrompt.length).toBeLessThanOrEqual(40);
    expect(call?.systemPrompt.length).toBeLessThanOrEqual(40);
    expect(call?.rawResponse.length).toBeLessThanOrEqual(100);
    expect(typeof call?.parsedOutput === 'string' && call.parsedOutput.length).toBeLessThanOrEqual(80);
  });

  it('when the provider echoes the key back, then no record, error or log line contains it', async () => {
    server.enqueue(
      reply.error(
        401,
        'authentication_error',
        `invalid x-api-key: ${API_KEY} (Authorization: Bearer ${API_KEY})`,
      ),
    );
    const result = await client().generate(request());

    expect(!result.ok && result.error.code).toBe('llm-unavailable');
    expect(!result.ok && result.error.retryable).toBe(false);
    const everything = JSON.stringify({
      calls: recorder.calls,
      message: !result.ok && result.error.message,
      cause: !result.ok && result.error.cause,
      logs: logs.lines,
    });
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(everything).toContain('authentication_error');
    expect(everything).not.toContain(API_KEY);
    expect(everything).not.toContain('TESTSECRET');
  });
});
