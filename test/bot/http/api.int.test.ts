import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { createHttpServer } from '../../../src/bot/http/index.js';
import { buildTestApp, startTestServer } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

describe.each(BACKENDS)('HTTP API on $name', (backend) => {
  let app: App;
  let server: ReturnType<typeof createHttpServer>;
  let base: string;

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    ({ server, base } = await startTestServer(app));
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  const post = (path: string, body: unknown, raw = false) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ? (body as string) : JSON.stringify(body),
    });

  it('when asked for health, then it reports the database and the demo symbols', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: string; symbols: number };
    expect(body).toMatchObject({ status: 'ok', database: backend.name });
    expect(body.symbols).toBeGreaterThanOrEqual(13);
  });

  it('when a trader sends the README idea as a chat message, then a Buddy Report grounded in SPX data is stored and returned', async () => {
    const res = await post('/api/messages', { user: 'alice', text: 'long SPX 2870 stop 2790 target 3050' });
    expect(res.status).toBe(200);
    const { reply } = (await res.json()) as {
      reply: {
        kind: string;
        badge: { score: number };
        sections: { text: string }[];
        refs: { evaluationId: string };
      };
    };
    expect(reply.kind).toBe('report');
    expect(reply.badge.score).toBeGreaterThanOrEqual(0);
    expect(reply.sections.map((s) => s.text).join(' ')).toContain('2874.56');
    const stored = await fetch(`${base}/api/evaluations/${reply.refs.evaluationId}`);
    const evaluation = (await stored.json()) as {
      evaluation: { symbol: string; overallScore: number; evalTs: string };
      items: unknown[];
    };
    expect(evaluation.evaluation).toMatchObject({ symbol: 'SPX', overallScore: reply.badge.score });
    expect(evaluation.evaluation.evalTs.slice(0, 10)).toBe('2020-04-17');
  });

  it('when an intent is posted as JSON, then every issue carries numbers computed from the data', async () => {
    const res = await post('/api/evaluate', {
      userId: 'http:api:bob',
      intent: {
        symbol: 'SPX',
        side: 'long',
        entry: 2870,
        stop: 2860,
        targets: [2880],
        size: { kind: 'risk-pct', value: 3 },
      },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      score: number;
      issues: { code: string; evidence: Record<string, number> }[];
      context: { frames: { features: { atr14: number } }[] };
    };
    const codes = body.issues.map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining(['risk-above-limit', 'stop-inside-noise', 'rr-below-minimum']),
    );
    const atr = body.context.frames[0]?.features.atr14 ?? 0;
    const noise = body.issues.find((i) => i.code === 'stop-inside-noise');
    expect(noise?.evidence.stopInAtr).toBeCloseTo(10 / atr, 2);
    const risk = body.issues.find((i) => i.code === 'risk-above-limit');
    expect(risk?.evidence.riskPct).toBeCloseTo(3, 0);
    expect(body.score).toBeLessThanOrEqual(35);
  });

  it.each([
    ['bad JSON', '{"intent":', true, 'bad-request'],
    ['a string entry', { intent: { symbol: 'SPX', side: 'long', entry: 'x' } }, false, 'invalid-request'],
    [
      'a stop above a long entry',
      { intent: { symbol: 'SPX', side: 'long', entry: 2870, stop: 2900 } },
      false,
      'invalid-request',
    ],
    [
      'an unknown field',
      { intent: { symbol: 'SPX', side: 'long', entry: 2870, leverage: 5 } },
      false,
      'invalid-request',
    ],
  ])('when the body has %s, then it answers 400 and writes nothing', async (_name, body, raw, error) => {
    const before = await app.services.evaluations.countEvaluations();
    const res = await post('/api/evaluate', body, raw as boolean);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe(error);
    expect(await app.services.evaluations.countEvaluations()).toBe(before);
  });

  it('when the stop is on the wrong side, then the field error says which way it must go', async () => {
    const res = await post('/api/evaluate', {
      intent: { symbol: 'SPX', side: 'long', entry: 2870, stop: 2900 },
    });
    const body = (await res.json()) as { fields: { path: string; message: string }[] };
    expect(body.fields).toContainEqual({
      path: 'intent.stop',
      message: expect.stringContaining('must be below the entry'),
    });
  });

  it('when the symbol is unknown, then it answers 422 with near matches', async () => {
    const res = await post('/api/evaluate', {
      intent: { symbol: 'SPXX', side: 'long', entry: 2870, stop: 2790 },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('unknown-symbol');
    expect(body.message).toContain('SPX');
  });

  it('when a platform retries a delivery, then it gets the same answer and only one evaluation is stored', async () => {
    const before = await app.services.evaluations.countEvaluations();
    const message = { user: 'carol', text: 'short TCHA @ 600 sl 630 tp 520', deliveryId: 'evt-123' };
    const first = (await (await post('/api/messages', message)).json()) as {
      reply: { refs: { evaluationId: string } };
    };
    const second = (await (await post('/api/messages', message)).json()) as {
      reply: { refs: { evaluationId: string } };
    };
    expect(second.reply.refs.evaluationId).toBe(first.reply.refs.evaluationId);
    expect(await app.services.evaluations.countEvaluations()).toBe(before + 1);
  });

  it('when the idea is incomplete, then the answer names what is missing and nothing is evaluated', async () => {
    const before = await app.services.evaluations.countEvaluations();
    const res = await post('/api/messages', { user: 'dan', text: 'long spx 2870 stop 2900 target 3000' });
    const { reply } = (await res.json()) as { reply: { kind: string; sections: { text: string }[] } };
    expect(reply.kind).toBe('error');
    expect(reply.sections.map((s) => s.text).join(' ')).toContain('did you mean short?');
    expect(await app.services.evaluations.countEvaluations()).toBe(before);
  });

  it('when the Re-evaluate button is pressed, then the last idea of that conversation is evaluated again', async () => {
    await post('/api/messages', { user: 'erin', channel: 'c1', text: 'long FINA 40 stop 38 target 45' });
    const res = await post('/api/messages', {
      user: 'erin',
      channel: 'c1',
      text: '',
      action: { id: 'evaluate', value: 'x' },
    });
    const { reply } = (await res.json()) as { reply: { kind: string; title: string } };
    expect(reply).toMatchObject({ kind: 'report', title: 'Buddy Report: long FINA' });
  });

  it('when the text is not a trade idea, then it explains what it does without inventing anything', async () => {
    const res = await post('/api/messages', { user: 'fay', text: 'will the market go up tomorrow?' });
    const { reply } = (await res.json()) as { reply: { kind: string; text: string } };
    expect(reply.kind).toBe('text');
    expect(reply.text).toContain('do not predict prices');
  });
});
