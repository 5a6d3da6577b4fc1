import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLANATION_TOOL } from '../../src/agents/explain/index.js';
import { buildApp, type App } from '../../src/app.js';
import type { Reply } from '../../src/bot/types.js';
import { loadConfig } from '../../src/config.js';
import { createReviewRepository } from '../../src/db/index.js';
import { REVIEW_VERSION } from '../../src/review/index.js';
import { BACKENDS } from '../helpers/databases.js';
import {
  anthropicReplies,
  startFakeAnthropicServer,
  type ScriptedServer,
} from '../helpers/fake-anthropic-server.js';

const all = (reply: Reply) => reply.sections.map((s) => `${s.heading ?? ''}: ${s.text}`).join('\n');

describe.each(BACKENDS)('post-trade review lessons with an LLM on $name', (backend) => {
  let server: ScriptedServer;
  let app: App;
  const chat = (user: string, text: string) =>
    app.conversation.handle({ platform: 'cli', workspace: 'local', channel: 'c', thread: '', user, text });
  const coachNoteOf = async (user: string) => {
    const trade = await app.services.review.resolveTrade(`cli:local:${user}`);
    return (await createReviewRepository(app.database.db).forTrade(trade.tradeId, REVIEW_VERSION))?.coachNote;
  };

  beforeAll(async () => {
    server = await startFakeAnthropicServer();
    const config = loadConfig({
      CHART_WORKERS: '0',
      DATA_DIR: '/tmp/trading-buddy-test',
      ANTHROPIC_API_KEY: 'sk-ant-test-review',
      ANTHROPIC_BASE_URL: server.url,
      LLM_MAX_RETRIES: '0',
      LOG_LEVEL: 'silent',
    });
    app = await buildApp(config, pino({ level: 'silent' }), { database: await backend.open() });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it("when the model phrases the lessons with only the review's numbers, then that text is stored and shown as the key lessons", async () => {
    const phrased =
      'AI-generated and educational. Process C with 70 out of 100: the loss itself was planned, but widening the stop added risk after the fact. Keep stops where the plan put them.';
    server.reset();
    server.enqueue(anthropicReplies.toolUse(EXPLANATION_TOOL, { text: phrased }));
    await chat('kim', '/trade open CONA long 10 @ 88 stop 85 target 94');
    await chat('kim', '/trade stop CONA 84');
    const closed = await chat('kim', '/trade close CONA @ 85');
    expect(all(closed)).toContain('Review ready: /review CONA. Process C · Outcome D: a bad loss.');
    // One model call, made by the review job at the close, carrying the rule lessons as facts.
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify(server.requests[0]?.body)).toContain('Widening a stop adds risk after the fact');
    expect(await coachNoteOf('kim')).toBe(phrased);
    const review = await chat('kim', '/review');
    expect(all(review)).toContain(`Key lessons (phrased by the explanation layer): ${phrased}`);
    expect(server.requests).toHaveLength(1);
  });

  it('when the model adds a number the review does not have, then the rule lessons are shown instead and nothing is stored', async () => {
    server.reset();
    server.enqueue(
      anthropicReplies.toolUse(EXPLANATION_TOOL, {
        text: 'AI-generated. Next time hold for 3,400 and you will make 12R.',
      }),
    );
    await chat('lee', '/trade open CONB long 10 @ 112 stop 110 target 118');
    await chat('lee', '/trade close CONB @ 110');
    expect(server.requests).toHaveLength(1);
    expect(await coachNoteOf('lee')).toBeNull();
    const text = all(await chat('lee', '/review CONB'));
    expect(text).not.toContain('phrased by the explanation layer');
    expect(text).not.toContain('3,400');
    expect(text).toContain(
      'Key lessons: 1. A good loss: the plan was followed and the loss was the planned size.',
    );
  });

  it('when the model is down, then the review is still generated with the rule lessons', async () => {
    server.reset();
    server.enqueue(anthropicReplies.error(529, 'overloaded_error', 'Overloaded'));
    await chat('max', '/trade open UTLA long 10 @ 47 stop 46 target 49');
    const closed = await chat('max', '/trade close UTLA @ 49');
    expect(all(closed)).toContain('Review ready: /review UTLA. Process A · Outcome A: a good win.');
    expect(await coachNoteOf('max')).toBeNull();
  });
});
