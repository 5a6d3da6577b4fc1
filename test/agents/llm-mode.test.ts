import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_TOOL_NAME } from '../../src/agents/llm-mode.js';
import { createMemoryAgentJournal, type MemoryAgentJournal } from '../../src/agents/journal.js';
import {
  createAnthropicClient,
  createMemoryLlmCallRecorder,
  type MemoryLlmCallRecorder,
} from '../../src/agents/llm/index.js';
import { createAgentRunner, type AgentRunRequest } from '../../src/agents/run-agents.js';
import { fundamentalAgent } from '../../src/agents/fundamental.js';
import { technicalAgent } from '../../src/agents/technical.js';
import type { Agent, Facts, KnowledgeRetriever } from '../../src/agents/types.js';
import { createGuardrails } from '../../src/agents/guardrails/index.js';
import { createMemoryGuardrailJournal } from '../../src/agents/audit/index.js';
import type { ContextPack } from '../../src/market/context/index.js';
import {
  anthropicReplies as reply,
  startFakeAnthropicServer,
  type ScriptedServer,
} from '../helpers/fake-anthropic-server.js';
import { contextPack, intentOf } from '../helpers/context.js';
import { trendBars } from './fixtures.js';

const CHUNK = {
  chunkId: 'tech-adx-1',
  domain: 'technical' as const,
  docPath: 'knowledge/technical/adx-trend-strength.md',
  title: 'ADX',
  heading: 'ADX > Reading ADX',
  text: 'ADX above 25 marks a trending market.',
  score: 0.9,
};

/** A fixed passage list standing in for the knowledge store: the retriever contract is what matters here. */
const retriever: KnowledgeRetriever = { retrieve: async () => [CHUNK] };

let server: ScriptedServer;
let recorder: MemoryLlmCallRecorder;
let journal: MemoryAgentJournal;
const ctx = contextPack({ bars: trendBars({ drift: 0.3 }) });
const request: AgentRunRequest = {
  intent: intentOf({ entry: Math.round(ctx.primary.lastBar.close * 100) / 100, stop: 100 }),
  ctx,
  evalId: null,
  userId: 'u-1',
  requestId: 'req-1',
};
const facts: Facts = technicalAgent.analyse({
  intent: request.intent,
  ctx,
  chunks: [CHUNK],
  news: [],
  fundamentals: undefined,
}).facts;

beforeAll(async () => {
  server = await startFakeAnthropicServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  recorder = createMemoryLlmCallRecorder();
  journal = createMemoryAgentJournal();
});

function runner(agent: Agent = technicalAgent, options: { timeoutMs?: number; guard?: boolean } = {}) {
  const llm = createAnthropicClient({
    apiKey: 'sk-ant-test-key',
    model: 'claude-test',
    baseURL: server.url,
    recorder,
    maxRetries: 0,
    timeoutMs: 5_000,
  });
  const guardrails = options.guard
    ? createGuardrails({ journal: createMemoryGuardrailJournal() })
    : undefined;
  return createAgentRunner({
    agents: [agent],
    journal,
    retriever,
    llm,
    guardrails,
    timeoutMs: options.timeoutMs ?? 10_000,
  });
}

const grounded = () => ({
  recommendation: 'BUY',
  confidence: 70,
  reasoning: `RSI14 is ${String(facts['rsi14'])} and ADX14 is ${String(facts['adx14'])}: trend and momentum agree.`,
  key_factors: [
    { factor: 'Momentum', evidence: { kind: 'feature', name: 'rsi14', value: facts['rsi14'] } },
    { factor: 'Trend strength', evidence: { kind: 'feature', name: 'adx14', value: facts['adx14'] } },
    { factor: 'ADX reading', evidence: { kind: 'chunk', chunkId: CHUNK.chunkId } },
  ],
});

describe('agents in LLM mode (fake Anthropic API)', () => {
  it('when the model answers with grounded citations, then its answer is used and journaled under the provider', async () => {
    server.enqueue(reply.toolUse(AGENT_TOOL_NAME, grounded()));
    const [run] = await runner().run(request);
    expect(run).toMatchObject({ status: 'ok', mode: 'llm', provider: 'anthropic', model: 'claude-test' });
    expect(run?.recommendation).toEqual(grounded());
    expect(run?.llmCallIds).toEqual([recorder.calls[0]?.id]);
    expect(journal.entries[0]).toMatchObject({
      agent: 'technical',
      provider: 'anthropic',
      model: 'claude-test',
      retrievedChunkIds: [CHUNK.chunkId],
      llmCallIds: run?.llmCallIds,
    });

    const body = server.requests[0]?.body as {
      system: string;
      messages: { content: string }[];
      tool_choice: unknown;
    };
    expect(body.tool_choice).toEqual({ type: 'tool', name: AGENT_TOOL_NAME });
    expect(body.system).toMatch(/never predict prices/);
    const user = body.messages[0]?.content ?? '';
    expect(user).toContain(`"rsi14": ${String(facts['rsi14'])}`);
    expect(user).toContain(`<<<chunk id=${CHUNK.chunkId}`);
    expect(user).toContain('ADX above 25 marks a trending market.');
  });

  it.each([
    [
      'a wrong feature value',
      { key_factors: [{ factor: 'RSI', evidence: { kind: 'feature', name: 'rsi14', value: 99.5 } }] },
      /cites rsi14 = 99\.5, but the fact is [\d.]+/,
    ],
    [
      'a feature that is not a fact',
      { key_factors: [{ factor: 'VIX', evidence: { kind: 'feature', name: 'vix', value: 30 } }] },
      /cites vix, which is not among the facts/,
    ],
    [
      'a passage that was not retrieved',
      { key_factors: [{ factor: 'Doc', evidence: { kind: 'chunk', chunkId: 'invented' } }] },
      /cites passage invented, which was not retrieved/,
    ],
    [
      'a number of its own in the reasoning',
      { reasoning: 'Momentum suggests 4321 is within reach.' },
      /uses numbers that are not in the facts: 4321/,
    ],
  ])(
    'when the answer cites %s, then the rule-mode answer is used and says why',
    async (_name, change, reason) => {
      server.enqueue(reply.toolUse(AGENT_TOOL_NAME, { ...grounded(), ...change }));
      const [run] = await runner().run(request);
      const rules = technicalAgent.analyse({
        intent: request.intent,
        ctx,
        chunks: [CHUNK],
        news: [],
        fundamentals: undefined,
      }).recommendation;
      expect(run).toMatchObject({ status: 'ok', mode: 'rules', provider: 'rules' });
      expect(run?.fallbackReason).toMatch(reason);
      expect(run?.recommendation.reasoning).toMatch(/^Rule mode: the LLM answer was not grounded: /);
      expect(run?.recommendation.reasoning).toContain(rules.reasoning);
      expect(run?.recommendation.key_factors).toEqual(rules.key_factors);
      // The rejected answer's call stays linked, so the audit shows what was set aside.
      expect(run?.llmCallIds).toHaveLength(1);
      expect(journal.entries[0]).toMatchObject({ provider: 'rules', llmCallIds: run?.llmCallIds });
      expect(journal.entries[0]?.indicatorsSnapshot['fallbackReason']).toMatch(reason);
    },
  );

  it('when the model gives invalid output twice, then the client fails and rule mode answers', async () => {
    server.enqueue(
      reply.toolUse(AGENT_TOOL_NAME, { recommendation: 'STRONG BUY' }),
      reply.toolUse(AGENT_TOOL_NAME, { confidence: 'high' }),
    );
    const [run] = await runner().run(request);
    expect(run).toMatchObject({ mode: 'rules' });
    expect(run?.fallbackReason).toMatch(/^the LLM call failed \(llm-invalid-output\)/);
    expect(run?.llmCallIds).toHaveLength(2);
  });

  it('when the provider answers 500, then rule mode answers and the error is on record', async () => {
    server.enqueue(reply.error(500, 'api_error', 'internal'));
    const [run] = await runner().run(request);
    expect(run?.mode).toBe('rules');
    expect(run?.fallbackReason).toMatch(/^the LLM call failed/);
    expect(recorder.calls[0]?.error).toBeTruthy();
  });

  it('when the model writes a forecast, then the output guardrail sets the answer aside', async () => {
    server.enqueue(
      reply.toolUse(AGENT_TOOL_NAME, {
        ...grounded(),
        reasoning: 'TEST will definitely rise next week, guaranteed.',
      }),
    );
    const [run] = await runner(technicalAgent, { guard: true }).run(request);
    expect(run?.mode).toBe('rules');
    expect(run?.fallbackReason).toMatch(/output guardrail/);
  });

  it('when the agent abstains in rule mode, then no model is asked', async () => {
    const index = { ...ctx, ticker: { ...ctx.ticker, assetClass: 'index' } } as ContextPack;
    const [run] = await runner(fundamentalAgent).run({ ...request, ctx: index });
    expect(server.requests).toHaveLength(0);
    expect(run?.recommendation.reasoning).toBe('insufficient data: fundamentals do not apply to an index');
    expect(run?.provider).toBe('rules');
  });

  it('when the model does not answer within the agent timeout, then the card says so and the timeout is journaled', async () => {
    server.enqueue({ kind: 'hang' });
    const [run] = await runner(technicalAgent, { timeoutMs: 300 }).run(request);
    expect(run).toMatchObject({ status: 'timeout', provider: 'none' });
    expect(run?.recommendation.reasoning).toBe(
      'insufficient data: the technical agent did not answer within 300 ms',
    );
    expect(journal.entries[0]?.indicatorsSnapshot['status']).toBe('timeout');
  });
});
