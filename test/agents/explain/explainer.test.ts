import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryGuardrailJournal,
  type MemoryGuardrailJournal,
} from '../../../src/agents/audit/index.js';
import {
  allowedNumbers,
  checkNumbers,
  createExplainer,
  EXPLANATION_NOTICE,
  EXPLANATION_TOOL,
  explainFacts,
  templateExplanation,
  type ExplainInput,
} from '../../../src/agents/explain/index.js';
import { createGuardrails } from '../../../src/agents/guardrails/index.js';
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

const INPUT: ExplainInput = {
  symbol: 'SPX',
  side: 'long',
  score: 58,
  severity: 'high',
  idea: { entry: 2870, stop: 2790, targets: [3050] },
  modules: [
    {
      id: 'risk-reward',
      title: 'Reward and risk',
      status: 'ok',
      explainFacts: {
        rr: 2.25,
        stopInAtr: 0.93,
        riskPct: 1.6,
        riskAmount: 800,
        maxRiskPct: 1,
        atr14: 86.12,
        shares: null,
      },
    },
    {
      id: 'exit-plan',
      title: 'Exit plan',
      status: 'ok',
      explainFacts: {
        hasStop: true,
        hasTarget: true,
        timeStopBars: null,
        targetAtr: 2.09,
        typicalBarsToTarget: 9,
        timeframe: '1d',
      },
    },
    { id: 'mtfa', title: 'Timeframe alignment', status: 'timeout', explainFacts: {} },
  ],
  agents: [
    {
      agent: 'technical',
      title: 'Technical',
      provider: 'rules',
      facts: { rsi14: 41.3 },
      recommendation: {
        recommendation: 'HOLD',
        confidence: 35,
        reasoning: 'Mixed.',
        key_factors: [
          { factor: 'RSI is neutral', evidence: { kind: 'feature', name: 'rsi14', value: 41.3 } },
        ],
      },
    },
  ],
};

describe('templateExplanation', () => {
  it('when the facts are phrased, then each module and agent gets a line, failures are named and the notice ends it', () => {
    const text = templateExplanation(INPUT);
    expect(text.split('\n')).toEqual([
      'The plan for long SPX scores 58 out of 100 (high).',
      'Reward and risk: Reward:risk is 2.25R; the stop is 0.93 ATR from the entry; the trade risks 1.6% of equity; the money at risk is 800; your limit is 1% per trade; ATR(14) is 86.12.',
      'Exit plan: There is a stop; there is a target; the target is 2.09 ATR away; a move that size typically takes 9 bars; timeframe is 1d.',
      'Timeframe alignment was not checked (timeout).',
      'Technical view (from its documented rules): HOLD with confidence 35 out of 100, based on RSI is neutral (RSI 14 41.3).',
      EXPLANATION_NOTICE,
    ]);
  });

  it('when any facts are phrased, then every number in the template is found in the facts (grounded by construction)', () => {
    const value = fc.oneof(
      fc.double({ min: -1e7, max: 1e7, noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 12 }),
    );
    const key = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,12}$/);
    fc.assert(
      fc.property(
        fc.dictionary(key, value, { maxKeys: 8 }),
        fc.integer({ min: 0, max: 100 }),
        (facts, score) => {
          const input: ExplainInput = {
            symbol: 'TCHA',
            score,
            modules: [{ id: 'm', title: 'Module', explainFacts: facts }],
          };
          const check = checkNumbers(templateExplanation(input), allowedNumbers(explainFacts(input)));
          expect(check.unsupported).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('createExplainer with an LLM', () => {
  let server: ScriptedServer;
  let recorder: MemoryLlmCallRecorder;
  let journal: MemoryGuardrailJournal;
  const linked: Array<[string, readonly string[]]> = [];
  const ctx = { userId: 'u1', evalId: '00000000-0000-4000-8000-00000000000a', requestId: 'r1' };

  beforeAll(async () => {
    server = await startFakeAnthropicServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    recorder = createMemoryLlmCallRecorder();
    journal = createMemoryGuardrailJournal();
    linked.length = 0;
  });

  function explainer() {
    const llm = createAnthropicClient({
      apiKey: 'sk-ant-test-explainer-0123456789',
      model: 'claude-test',
      baseURL: server.url,
      recorder,
      maxRetries: 0,
    });
    return createExplainer({
      llm,
      guardrails: createGuardrails({ journal }),
      linkCalls: async (evalId, ids) => void linked.push([evalId, ids]),
    });
  }

  it('when the model phrases only the facts, then its text is used, the notice added and the call filed under the evaluation', async () => {
    server.enqueue(
      reply.toolUse(EXPLANATION_TOOL, {
        text: 'Your plan risks 1.6% of equity against your 1% limit, and reward:risk is 2.25R. The stop sits 0.93 ATR from the 2,870 entry.',
      }),
    );
    const out = await explainer().explain(INPUT, ctx);
    expect(out).toMatchObject({ source: 'llm', findings: [] });
    expect(out.text).toContain('0.93 ATR from the 2,870 entry.');
    expect(out.text.endsWith(EXPLANATION_NOTICE)).toBe(true);
    expect(linked).toEqual([[ctx.evalId, out.callIds]]);
    expect(recorder.calls[0]).toMatchObject({ purpose: 'explanation', userId: 'u1', requestId: 'r1' });
    expect(journal.events).toEqual([]);
  });

  it.each([
    [
      'an invented number',
      'AI-generated. Reward:risk is 2.25R but the risk is 2.4% of equity.',
      'number-not-in-facts',
      'not in facts: 2.4%',
    ],
    ['a forecast without numbers', 'AI-generated. SPX will rally from here.', 'forecast', 'will rally'],
    ['personal advice', 'AI-generated. You should buy SPX.', 'personal-advice', 'you should buy'],
  ])(
    'when the model writes %s, then the template is used and the event journaled',
    async (_label, text, rule, excerpt) => {
      server.enqueue(reply.toolUse(EXPLANATION_TOOL, { text }));
      const out = await explainer().explain(INPUT, ctx);
      expect(out.source).toBe('template');
      expect(out.text).toBe(templateExplanation(INPUT));
      expect(journal.events).toEqual([
        expect.objectContaining({
          stage: 'explanation',
          rule,
          excerpt: expect.stringContaining(excerpt),
          evalId: ctx.evalId,
        }),
      ]);
    },
  );

  it('when a grounded text carries a mention, then it is used with the mention neutralised and the rewrite journaled', async () => {
    server.enqueue(
      reply.toolUse(EXPLANATION_TOOL, {
        text: '@everyone the plan scores 58 out of 100. AI-generated and educational.',
      }),
    );
    const out = await explainer().explain(INPUT, ctx);
    expect(out.source).toBe('llm');
    expect(out.text).toContain('@\u200beveryone the plan scores 58');
    expect(journal.events.map((e) => e.rule)).toEqual(['mention']);
  });

  it('when the provider fails, then the template is used and the reason kept', async () => {
    server.enqueue(reply.error(400, 'invalid_request_error', 'bad request'));
    const out = await explainer().explain(INPUT, ctx);
    expect(out).toMatchObject({
      source: 'template',
      fallbackReason: expect.stringMatching(/^the LLM call failed/),
    });
    expect(out.callIds).toHaveLength(1);
  });

  it('when no LLM is configured, then the template is returned without any call', async () => {
    const out = await createExplainer({ guardrails: createGuardrails({ journal }) }).explain(INPUT, ctx);
    expect(out).toEqual({ text: templateExplanation(INPUT), source: 'template', callIds: [], findings: [] });
    expect(server.requests).toHaveLength(0);
  });
});
