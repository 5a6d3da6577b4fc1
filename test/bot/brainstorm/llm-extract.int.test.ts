import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { readDraft } from '../../../src/bot/brainstorm/index.js';
import { openPglite } from '../../helpers/databases.js';
import { buildTestApp } from '../../helpers/app.js';
import {
  anthropicReplies as reply,
  startFakeAnthropicServer,
  type ScriptedServer,
} from '../../helpers/fake-anthropic-server.js';
import { inbound, sessionOf } from './harness.js';

const TOOL = 'report_trade_slots';
const nothing = {
  symbol: null,
  side: null,
  entry: null,
  stop: null,
  target: null,
  riskPercent: null,
  shares: null,
  horizon: null,
  thesis: null,
};

describe('brainstorm with an LLM configured (real Anthropic SDK against a local scripted server)', () => {
  let server: ScriptedServer;
  let app: App;
  const say = (user: string, text: string) => app.conversation.handle(inbound(user, { text }));
  const draftOf = async (user: string) => readDraft((await sessionOf(app, user)).state['draft']);

  beforeAll(async () => {
    server = await startFakeAnthropicServer();
    app = await buildTestApp(await openPglite({ demo: true }), {
      ANTHROPIC_API_KEY: 'sk-ant-test-brainstorm',
      ANTHROPIC_BASE_URL: server.url,
      LLM_MAX_RETRIES: '0',
    });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await server.close();
  });
  beforeEach(() => server.reset());

  it('when the parser finds nothing in free-form phrasing, then the model fills the asked slot after validation', async () => {
    await say('gus', '/brainstorm long TCHA 590');
    expect(server.requests).toHaveLength(0);
    server.enqueue(reply.toolUse(TOOL, { ...nothing, stop: 570 }));
    const answer = await say('gus', "I'd bail if it trades through the swing low near five seventy");
    expect(server.requests).toHaveLength(1);
    expect(JSON.stringify(server.requests[0]?.body)).toContain('The buddy had asked for: stop');
    expect(answer.text).toMatch(/^Got it: stop 570/);
    expect(await draftOf('gus')).toMatchObject({ stop: 570, asked: 'target' });
  });

  it('when the model contradicts what the parser read, then the parser wins and only the gaps are filled', async () => {
    await say('hal', '/brainstorm long TCHA 590');
    server.enqueue(reply.toolUse(TOOL, { ...nothing, stop: 999, riskPercent: 0.5, symbol: 'ZZZZ' }));
    await say('hal', 'my stop would be at 565 and I would like to risk about half of what I usually do');
    expect(await draftOf('hal')).toMatchObject({
      symbol: 'TCHA',
      stop: 565,
      size: { kind: 'risk-pct', value: 0.5 },
    });
  });

  it('when the model answers outside the schema twice, then nothing from it is used and the question is asked again', async () => {
    await say('ida', '/brainstorm long TCHA 590');
    server.enqueue(
      reply.toolUse(TOOL, { ...nothing, side: 'sideways' }),
      reply.toolUse(TOOL, { ...nothing, stop: -5 }),
    );
    const answer = await say('ida', 'somewhere sensible I guess, you know the drill');
    expect(server.requests).toHaveLength(2);
    expect(answer.text).toMatch(/I did not catch a trade detail/);
    expect(await draftOf('ida')).toMatchObject({ entry: 590, asked: 'stop' });
    expect((await draftOf('ida'))?.stop).toBeUndefined();
  });

  it('when the provider fails, then brainstorm carries on as without an LLM', async () => {
    await say('jay', '/brainstorm long TCHA 590');
    server.enqueue(reply.error(500, 'api_error', 'overloaded'));
    const answer = await say('jay', 'wherever the chart says it is broken really');
    expect(answer.title).toBe('Brainstorm: TCHA');
    expect(answer.text).toMatch(/I did not catch a trade detail/);
  });
});
