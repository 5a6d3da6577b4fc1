import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { createHttpServer } from '../../../src/bot/http/index.js';
import { buildTestApp, startTestServer } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

interface ReviewBody {
  reviewId: string;
  tradeId: string;
  symbol: string;
  processGrade: string;
  outcomeGrade: string;
  verdict: string;
  realisedR: number;
  generatedAt: string;
  closeAt: string;
  excursions: { basis: string; maePrice: number; mfePrice: number };
  findings: { code: string }[];
  reply: { kind: string; title: string; badge: { label: string } };
}

describe.each(BACKENDS)('POST /api/post-trade-review on $name', (backend) => {
  let app: App;
  let server: ReturnType<typeof createHttpServer>;
  let base: string;
  let closedId = '';
  let openId = '';

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const chat = async (text: string) => (await post('/api/messages', { user: 'alice', text })).json();

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    ({ server, base } = await startTestServer(app));
    // Trades recorded through the chat endpoint, as a trader on the HTTP surface would.
    await chat('/trade open TCHA long 50 @ 400 stop 392 target 416');
    await chat('/trade add TCHA 25 @ 396');
    await chat('/trade close TCHA @ 392');
    await chat('/trade open FINA long 100 @ 30 stop 29');
    closedId = (await app.services.trading.tradeRows.recentClosed('http:api:alice', 1))[0]?.tradeId ?? '';
    openId = (await app.services.trading.tradeRows.openTrades('http:api:alice'))[0]?.tradeId ?? '';
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  it('when asked by trade id, then it answers with the stored review, its numbers and the rendered reply', async () => {
    const res = await post('/api/post-trade-review', { tradeId: closedId });
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReviewBody;
    // 50 @ 400 + 25 @ 396 = average 398.67; out at the planned stop 392 after adding to a loser (-30 process points).
    expect(body).toMatchObject({
      tradeId: closedId,
      symbol: 'TCHA',
      processGrade: 'C',
      outcomeGrade: 'D',
      verdict: 'bad loss',
    });
    expect(body.findings.map((f) => f.code)).toEqual([
      'entry-as-planned',
      'size-as-planned',
      'exit-at-stop',
      'added-to-loser',
    ]);
    // 1R from the fills (issue 14): 50 x |400 - 392| + 25 x |396 - 392| = 500; out at the stop,
    // the loss of 75 x 6.67 = 500 is exactly -1R.
    expect(body.realisedR).toBeCloseTo(-500 / 500, 6);
    expect(body.excursions).toMatchObject({
      basis: 'fills',
      maePrice: expect.closeTo(392 - 398.6667, 3),
      mfePrice: expect.closeTo(400 - 398.6667, 3),
    });
    expect(body.reply).toMatchObject({
      kind: 'report',
      title: 'Post-trade review: long TCHA, a bad loss',
      badge: { label: 'Process C · Outcome D' },
    });
    expect(Date.parse(body.closeAt)).toBeLessThanOrEqual(Date.parse(body.generatedAt));
  });

  it('when asked by user and symbol, then it is the same stored review (the close already generated it)', async () => {
    const byId = (await (await post('/api/post-trade-review', { tradeId: closedId })).json()) as ReviewBody;
    const bySymbol = (await (
      await post('/api/post-trade-review', { userId: 'http:api:alice', symbol: 'tcha' })
    ).json()) as ReviewBody;
    expect(bySymbol.reviewId).toBe(byId.reviewId);
    expect(bySymbol.generatedAt).toBe(byId.generatedAt);
  });

  it('when refresh is asked, then the review is regenerated in place: same row, a new generation time', async () => {
    const before = (await (await post('/api/post-trade-review', { tradeId: closedId })).json()) as ReviewBody;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = (await (
      await post('/api/post-trade-review', { tradeId: closedId, refresh: true })
    ).json()) as ReviewBody;
    expect(after.reviewId).toBe(before.reviewId);
    expect(Date.parse(after.generatedAt)).toBeGreaterThan(Date.parse(before.generatedAt));
    expect(after.processGrade).toBe(before.processGrade);
  });

  it.each<[string, number, () => unknown, string]>([
    [
      'an unknown trade id',
      404,
      () => ({ tradeId: '00000000-0000-4000-8000-000000000000' }),
      'No trade 00000000-0000-4000-8000-000000000000.',
    ],
    [
      'a user with no closed trade in the symbol',
      404,
      () => ({ userId: 'http:api:alice', symbol: 'NRGB' }),
      'You have no closed trade in NRGB to review.',
    ],
    [
      'a trade still open',
      422,
      () => ({ tradeId: openId }),
      'The long FINA trade is still open (100 to close)',
    ],
    [
      'a symbol whose only trade is open',
      422,
      () => ({ userId: 'http:api:alice', symbol: 'FINA' }),
      'still open',
    ],
  ])(
    'when the body names %s, then it answers %i with a clear message',
    async (_name, status, body, message) => {
      const res = await post('/api/post-trade-review', body());
      expect(res.status).toBe(status);
      const json = (await res.json()) as { error: string; message: string };
      expect(json.message).toContain(message);
      if (status === 422) expect(json.error).toBe('trade-still-open');
    },
  );

  it.each([
    [{}, '(body)'],
    [{ tradeId: 'not-a-uuid' }, 'tradeId'],
    [{ userId: 'x', symbol: 'not a symbol' }, 'symbol'],
    [{ tradeId: '00000000-0000-4000-8000-000000000000', extra: 1 }, ''],
  ])('when the body is %j, then it answers 400 and names what is wrong', async (body, field) => {
    const res = await post('/api/post-trade-review', body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: string; fields: { path: string; message: string }[] };
    expect(json.error).toBe('invalid-request');
    expect(JSON.stringify(json.fields)).toContain(field);
  });
});
