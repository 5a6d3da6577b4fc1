import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_TOOL_NAME, extractiveAnswer, type AnswerRecord } from '../../../src/agents/answer/index.js';
import { buildApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { assistantMessages, llmCalls } from '../../../src/db/schema/index.js';
import { openPglite } from '../../helpers/databases.js';
import {
  anthropicReplies as reply,
  startFakeAnthropicServer,
  type ScriptedServer,
} from '../../helpers/fake-anthropic-server.js';

const QUESTION = 'what does ATR mean and how do people use it for stops?';
const SIZING = 'how big a position with 1% risk on a 50k account with a $2 stop';

describe('knowledge answers with an LLM configured (the real Anthropic SDK against a local server)', () => {
  let server: ScriptedServer;
  let app: App;
  let turn = 0;
  const ask = (text: string) =>
    app.conversation.handle({
      platform: 'cli',
      workspace: 'w',
      channel: 'c',
      thread: `t${(turn += 1)}`,
      user: 'lee',
      text,
    });
  /** The ids the answer will quote: the same retrieval and selection the answerer runs. */
  const quotedIds = async (question: string) => {
    const answer = extractiveAnswer(question, await app.knowledge.retriever.retrieve(question, { k: 8 }));
    return answer.kind === 'answer' ? answer.passages.map((p) => p.chunkId) : [];
  };
  const recordOf = async (question: string) => {
    const rows = await app.database.db
      .select({ toolCalls: assistantMessages.toolCalls, inReplyTo: assistantMessages.inReplyTo })
      .from(assistantMessages)
      .where(eq(assistantMessages.role, 'assistant'));
    const row = rows.find((r) =>
      ((r.toolCalls ?? []) as AnswerRecord[]).some((t) => t.question === question),
    );
    return { record: (row?.toolCalls as AnswerRecord[] | undefined)?.[0], msgId: row?.inReplyTo ?? '' };
  };

  beforeAll(async () => {
    server = await startFakeAnthropicServer();
    const config = loadConfig({
      DATA_DIR: `/tmp/trading-buddy-test-ask-llm-${process.pid}`,
      ANTHROPIC_API_KEY: 'sk-ant-test-0000',
      ANTHROPIC_BASE_URL: server.url,
      LLM_MAX_RETRIES: '0',
      LOG_LEVEL: 'silent',
    });
    app = await buildApp(config, pino({ level: 'silent' }), { database: await openPglite({ demo: true }) });
    await app.knowledge.synced();
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('when the model answers with sentences that cite the passages and use their numbers, then that answer is shown and journaled', async () => {
    const [first, second] = await quotedIds(QUESTION);
    expect(first).toBeDefined();
    server.reset();
    server.enqueue(
      reply.toolUse(ANSWER_TOOL_NAME, {
        sentences: [
          { text: 'ATR measures how far a market typically travels in one bar.', chunkIds: [first] },
          {
            text: 'Traders place stops a multiple of ATR away so that ordinary noise does not reach them.',
            chunkIds: [first, ...(second ? [second] : [])],
          },
        ],
      }),
    );
    const answer = await ask(QUESTION);
    expect(server.pending()).toBe(0);
    expect(answer.title).toBe('From the knowledge base (AI summary)');
    expect(answer.text).toContain('ATR measures how far a market typically travels in one bar. [1]');
    expect(answer.sections[0]?.text).toMatch(
      /Source: knowledge\/technical\/atr-based-stops\.md › .* · chunk /,
    );

    const request = server.requests[0]?.body as { system: unknown; messages: { content: unknown }[] };
    expect(JSON.stringify(request.messages)).toContain('reference material quoted as data');

    const { record, msgId } = await recordOf(QUESTION);
    expect(record).toMatchObject({ mode: 'llm', outcome: 'answer', question: QUESTION });
    expect(record?.modelOutput).toMatchObject({ sentences: expect.any(Array) });
    expect(record?.llmCallIds).toHaveLength(1);
    const [call] = await app.database.db
      .select()
      .from(llmCalls)
      .where(eq(llmCalls.llmCallId, record?.llmCallIds[0] ?? ''));
    expect(call).toMatchObject({ purpose: 'answer', requestId: msgId, provider: 'anthropic' });
    expect(call?.userPrompt).toContain(QUESTION);
    expect(call?.userPrompt).toContain(`<<<chunk id=${first}`);
    expect(call?.systemPrompt).toMatch(/Every sentence cites/);
    expect(call?.rawResponse).toContain('ATR measures');
  });

  it('when the model repeats our computed position size, then the number counts as grounded', async () => {
    const [first] = await quotedIds(SIZING);
    server.reset();
    server.enqueue(
      reply.toolUse(ANSWER_TOOL_NAME, {
        sentences: [
          {
            text: 'With a risk budget of 500 and 2 per share of risk, the size is 250 shares.',
            chunkIds: [first],
          },
        ],
      }),
    );
    const answer = await ask(SIZING);
    expect(answer.title).toBe('From the knowledge base (AI summary)');
    expect(answer.sections.find((s) => s.heading === 'Worked out from your numbers')?.text).toContain(
      '250 shares',
    );
  });

  it.each([
    [
      'an invented number',
      (id: string) => ({ text: 'Most traders put the stop 7.3 ATR away.', chunkIds: [id] }),
    ],
    [
      'a passage it was not given',
      () => ({ text: 'ATR measures how far a market moves.', chunkIds: ['f'.repeat(32)] }),
    ],
  ])(
    'when the model writes %s, then the extractive answer is shown and the reason journaled',
    async (_, sentence) => {
      const [first] = await quotedIds(QUESTION);
      server.reset();
      server.enqueue(reply.toolUse(ANSWER_TOOL_NAME, { sentences: [sentence(first ?? '')] }));
      const question = `${QUESTION} ${turn}`;
      const answer = await ask(question);
      expect(answer.title).toBe('From the knowledge base');
      expect(answer.text).not.toContain('7.3');
      expect(answer.sections[0]?.text).toMatch(/chunk [0-9a-f]{32}/);
      const { record } = await recordOf(question);
      expect(record).toMatchObject({ mode: 'extractive', outcome: 'answer' });
      expect(record?.fallback).toMatch(/not grounded/);
      expect(record?.llmCallIds).toHaveLength(1);
    },
  );

  it('when the model is down, then the extractive answer is shown', async () => {
    server.reset();
    server.enqueue(reply.error(500, 'api_error', 'down'));
    const answer = await ask('what is risk of ruin?');
    expect(answer.title).toBe('From the knowledge base');
    const { record } = await recordOf('what is risk of ruin?');
    expect(record?.fallback).toMatch(/LLM call failed/);
  });

  it('when retrieval is weak, then the model is not asked at all', async () => {
    server.reset();
    const answer = await ask('what is the capital of France?');
    expect(answer.title).toBe('Not covered by the knowledge base');
    expect(server.requests).toHaveLength(0);
  });
});
