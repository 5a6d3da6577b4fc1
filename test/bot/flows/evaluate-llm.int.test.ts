import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLANATION_TOOL } from '../../../src/agents/explain/index.js';
import { buildApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { openPglite } from '../../helpers/databases.js';
import {
  anthropicReplies as reply,
  startFakeAnthropicServer,
  type ScriptedServer,
} from '../../helpers/fake-anthropic-server.js';

const say = (app: App, text: string) =>
  app.conversation.handle({ platform: 'cli', workspace: 'w', channel: 'c', thread: '', user: 'lee', text });
const plainWords = (r: Awaited<ReturnType<typeof say>>) =>
  r.sections.find((s) => s.heading?.startsWith('In plain words'));

describe('the Buddy Report with an LLM configured', () => {
  let server: ScriptedServer;
  let app: App;
  beforeAll(async () => {
    server = await startFakeAnthropicServer();
    const config = loadConfig({
      CHART_WORKERS: '0',
      DATA_DIR: `/tmp/trading-buddy-test-llm-${process.pid}`,
      ANTHROPIC_API_KEY: 'sk-ant-test-0000',
      ANTHROPIC_BASE_URL: server.url,
      LLM_MAX_RETRIES: '0',
      LOG_LEVEL: 'silent',
    });
    app = await buildApp(config, pino({ level: 'silent' }), {
      database: await openPglite({ demo: true }),
    });
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('when the model is down, then agents answer from their rules and the summary is the checked template', async () => {
    const report = await say(app, 'long TCHA 600 stop 570 target 680');
    expect(report.kind).toBe('report');
    expect(report.agents.every((a) => a.provider === 'rules' || a.reasoning.startsWith('Rule mode'))).toBe(
      true,
    );
    expect(plainWords(report)).toMatchObject({ heading: 'In plain words' });
  });

  it('when the model phrases the facts with an invented number, then the template is used instead; a grounded phrasing is shown as AI', async () => {
    server.reset();
    await say(app, 'long TCHA 600 stop 570 target 680');
    const agentCalls = server.requests.length - 1;
    server.reset();
    const errors = Array.from({ length: agentCalls }, () => reply.error(500, 'api_error', 'down'));
    server.enqueue(
      ...errors,
      reply.toolUse(EXPLANATION_TOOL, {
        text: 'AI-generated, educational. TCHA will likely reach 900 soon.',
      }),
    );
    const invented = await say(app, 'long TCHA 600 stop 570 target 680');
    expect(plainWords(invented)?.heading).toBe('In plain words');
    expect(plainWords(invented)?.text).not.toContain('900');

    server.reset();
    const score = invented.badge?.score ?? 0;
    server.enqueue(
      ...errors,
      reply.toolUse(EXPLANATION_TOOL, {
        text: `AI-generated, educational: your long TCHA plan scores ${score} out of 100, with the stop at 570 and the target at 680.`,
      }),
    );
    const grounded = await say(app, 'long TCHA 600 stop 570 target 680');
    expect(grounded.badge?.score).toBe(score);
    expect(plainWords(grounded)).toMatchObject({
      heading: 'In plain words (AI)',
      text: expect.stringContaining(`scores ${score} out of 100`),
    });
  });
});
