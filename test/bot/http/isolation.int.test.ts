import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { COMMAND_LIST } from '../../../src/bot/commands/index.js';
import { buildTestApp, startTestServer } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

/**
 * Isolation: with tokens in use, no user reads or changes another user's data through any route
 * or chat command. Every route the server has must appear in ROUTE_CASES below, and every chat
 * command in CHAT_CASES: a new route or command fails this file until its isolation is tested.
 */
const ALICE = 'slack:T1:alice';
const BOB = 'slack:T1:bob';
const LEAD = 'slack:T1:lead';
const OUTSIDER = 'slack:T2:eve';
const ADMIN = 'cli:local:root';
const IDEA = { symbol: 'TCHA', side: 'long', entry: 600, stop: 570, targets: [680] };

describe.each(BACKENDS)('isolation between users on $name', (backend) => {
  let app: App;
  let base: string;
  let routes: readonly { method: string; url: string }[];
  let close: () => Promise<void>;
  const token: Record<string, string> = {};
  let aliceEval = '';
  let aliceTrade = '';
  let aliceTokenPrefix = '';
  let aliceChart = '';

  const call = async (who: string | undefined, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${token[who]}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const json = res.headers.get('content-type')?.startsWith('application/json')
      ? (JSON.parse(text) as Record<string, unknown>)
      : {};
    return { status: res.status, text, json };
  };
  const say = async (who: string, text: string) => {
    const res = await call(who, 'POST', '/api/messages', { text });
    expect(res.status).toBe(200);
    return res.json.reply as {
      title: string;
      text?: string;
      sections: { text: string }[];
      refs?: { evaluationId?: string };
    };
  };
  const replyText = (reply: Awaited<ReturnType<typeof say>>) =>
    [reply.title, reply.text ?? '', ...reply.sections.map((s) => s.text)].join('\n');

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    const started = await startTestServer(app);
    base = started.base;
    routes = started.server.routeTable;
    close = async () => {
      await started.server.close();
      await app.close();
    };
    for (const user of [ALICE, BOB, LEAD, OUTSIDER, ADMIN]) {
      token[user] = (await app.services.accounts.createToken({ userId: user, name: 'test' })).token;
    }
    aliceTokenPrefix = token[ALICE]?.slice(0, 11) ?? '';
    await app.services.accounts.setRole(LEAD, 'lead');
    await app.services.accounts.setRole(ADMIN, 'admin');
    const report = await say(ALICE, 'long TCHA 600 stop 570 target 680');
    aliceEval = report.refs?.evaluationId ?? '';
    await say(ALICE, '/trade open TCHA long 50 @ 600 stop 570 target 680');
    await say(ALICE, '/trade close TCHA @ 640');
    await say(ALICE, '/trade open FINA long 100 @ 30 stop 29');
    await say(ALICE, '/journal add alice-private-note took it early again');
    await say(ALICE, '/buddy settings risk 0.42% equity 31337');
    aliceTrade = (await app.services.trading.tradeRows.recentClosed(ALICE, 1))[0]?.tradeId ?? '';
    const evaluation = await call(ALICE, 'GET', `/api/evaluations/${aliceEval}`);
    aliceChart = String((evaluation.json.chart as { chartId?: string } | null)?.chartId ?? '');
    expect(aliceChart).toMatch(/^[0-9a-f-]{36}$/);
    expect(aliceEval).toMatch(/^[0-9a-f-]{36}$/);
    expect(aliceTrade).toMatch(/^[0-9a-f-]{36}$/);
  }, 120_000);
  afterAll(() => close());

  /** Each route: what Bob (a member of Alice's team) gets when he aims it at Alice's data. */
  const ROUTE_CASES: {
    method: string;
    url: string;
    attempt: () => Promise<{ status: number; text: string }>;
    expected: number;
  }[] = [
    {
      method: 'GET',
      url: '/api/health',
      attempt: () => call(undefined, 'GET', '/api/health'),
      expected: 200,
    },
    { method: 'GET', url: '/api/me', attempt: () => call(BOB, 'GET', '/api/me'), expected: 200 },
    {
      method: 'POST',
      url: '/api/messages',
      attempt: () => call(BOB, 'POST', '/api/messages', { user: ALICE, text: '/journal list' }),
      expected: 403,
    },
    {
      method: 'POST',
      url: '/api/evaluate',
      attempt: () => call(BOB, 'POST', '/api/evaluate', { userId: ALICE, intent: IDEA }),
      expected: 403,
    },
    {
      method: 'GET',
      url: '/api/evaluations/:id',
      attempt: () => call(BOB, 'GET', `/api/evaluations/${aliceEval}`),
      expected: 404,
    },
    {
      method: 'GET',
      url: '/api/evaluations/:id/audit',
      attempt: () => call(BOB, 'GET', `/api/evaluations/${aliceEval}/audit`),
      expected: 404,
    },
    {
      method: 'POST',
      url: '/api/post-trade-review',
      attempt: () => call(BOB, 'POST', '/api/post-trade-review', { tradeId: aliceTrade }),
      expected: 404,
    },
    {
      method: 'GET',
      url: '/api/regime-snapshot',
      // Market data belongs to no one: any signed-in user reads it.
      attempt: () => call(BOB, 'GET', '/api/regime-snapshot?symbol=SPX'),
      expected: 200,
    },
    {
      method: 'GET',
      url: '/api/key-levels',
      attempt: () => call(BOB, 'GET', '/api/key-levels?symbol=SPX'),
      expected: 200,
    },
    {
      method: 'GET',
      url: '/api/charts/:file',
      attempt: () => call(BOB, 'GET', `/api/charts/${aliceChart}.png`),
      expected: 404,
    },
    {
      method: 'GET',
      url: '/api/users/:id/settings',
      attempt: () => call(BOB, 'GET', `/api/users/${ALICE}/settings`),
      expected: 404,
    },
    {
      method: 'PUT',
      url: '/api/users/:id/settings',
      attempt: () => call(BOB, 'PUT', `/api/users/${ALICE}/settings`, { maxRiskPct: 5 }),
      expected: 403,
    },
    {
      method: 'GET',
      url: '/api/teams/:id/settings',
      // Alice's team is Bob's too: members read the team's defaults, never a member's own.
      attempt: () => call(OUTSIDER, 'GET', '/api/teams/slack:T1/settings'),
      expected: 404,
    },
    {
      method: 'PUT',
      url: '/api/teams/:id/settings',
      attempt: () => call(BOB, 'PUT', '/api/teams/slack:T1/settings', { maxRiskPct: 5 }),
      expected: 403,
    },
    { method: 'GET', url: '/api/tokens', attempt: () => call(BOB, 'GET', '/api/tokens'), expected: 200 },
    {
      method: 'POST',
      url: '/api/tokens',
      attempt: () => call(BOB, 'POST', '/api/tokens', { name: 'second' }),
      expected: 200,
    },
    {
      method: 'DELETE',
      url: '/api/tokens/:ref',
      attempt: () => call(BOB, 'DELETE', `/api/tokens/${aliceTokenPrefix}`),
      expected: 404,
    },
    {
      method: 'POST',
      url: '/api/sessions',
      attempt: () => call(BOB, 'POST', '/api/sessions'),
      expected: 200,
    },
    {
      method: 'DELETE',
      url: '/api/sessions',
      attempt: () => call(BOB, 'DELETE', '/api/sessions'),
      expected: 200,
    },
  ];

  it('when the server starts, then every route it serves has an isolation case here', () => {
    const covered = new Set(ROUTE_CASES.map((c) => `${c.method} ${c.url}`));
    const served = routes.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);
    console.info(
      `isolation: ${served.length} routes served, ${covered.size} covered: ${[...covered].join(', ')}`,
    );
    expect(served.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((c) => !served.includes(c))).toEqual([]);
  });

  it.each(ROUTE_CASES.map((c) => [`${c.method} ${c.url}`, c] as const))(
    'when Bob calls %s aimed at Alice, then he gets nothing of hers',
    async (_name, c) => {
      const res = await c.attempt();
      expect(res.status).toBe(c.expected);
      expect(res.text).not.toContain('alice-private-note');
      if (c.url !== '/api/me') expect(res.text).not.toContain(ALICE);
      expect(res.text).not.toContain(token[ALICE] ?? 'no-token');
    },
  );

  it('when no token is sent, then every route but health answers 401 and says how to get one', async () => {
    for (const route of routes.filter((r) => r.url.startsWith('/api/') && r.url !== '/api/health')) {
      const path = route.url
        .replace(':id', aliceEval)
        .replace(':ref', aliceTokenPrefix)
        .replace(':file', `${aliceChart}.png`);
      const withBody = route.method === 'POST' || route.method === 'PUT';
      const res = await call(undefined, route.method, path, withBody ? {} : undefined);
      expect(res.status, `${route.method} ${route.url}`).toBe(401);
      expect(res.json.message).toMatch(/Authorization: Bearer/);
    }
    const forged = await fetch(`${base}/api/me`, { headers: { authorization: 'Bearer tb_forged' } });
    expect(forged.status).toBe(401);
  });

  it('when Alice reads her own evaluation, audit, review and chart, then she gets them', async () => {
    await app.services.evaluation.chartSettled(aliceEval);
    expect((await call(ALICE, 'GET', `/api/charts/${aliceChart}.png`)).status).toBe(200);
    expect((await call(ALICE, 'GET', `/api/evaluations/${aliceEval}`)).status).toBe(200);
    expect((await call(ALICE, 'GET', `/api/evaluations/${aliceEval}/audit`)).status).toBe(200);
    expect((await call(ALICE, 'POST', '/api/post-trade-review', { tradeId: aliceTrade })).status).toBe(200);
  });

  it('when the team lead asks, then he reads Alice only while she shares everything, and never another desk', async () => {
    expect((await call(LEAD, 'GET', `/api/evaluations/${aliceEval}`)).status).toBe(404);
    await app.services.accounts.setShare(ALICE, 'all');
    try {
      expect((await call(LEAD, 'GET', `/api/evaluations/${aliceEval}`)).status).toBe(200);
      expect((await call(LEAD, 'POST', '/api/post-trade-review', { userId: ALICE })).status).toBe(200);
      // Reading is not acting: the lead still cannot evaluate or chat as Alice.
      expect((await call(LEAD, 'POST', '/api/evaluate', { userId: ALICE, intent: IDEA })).status).toBe(403);
      // A lead of another desk sees nothing, sharing or not.
      await app.services.accounts.setRole(OUTSIDER, 'lead');
      expect((await call(OUTSIDER, 'GET', `/api/evaluations/${aliceEval}`)).status).toBe(404);
    } finally {
      await app.services.accounts.setShare(ALICE, 'summary');
      await app.services.accounts.setRole(OUTSIDER, 'member');
    }
  });

  it('when an admin names a user, then the body user is honoured; for anyone else it is refused, not ignored', async () => {
    const asAlice = await call(ADMIN, 'POST', '/api/messages', { user: ALICE, text: '/journal list' });
    expect(asAlice.status).toBe(200);
    expect(asAlice.text).toContain('alice-private-note');
    const bob = await call(BOB, 'POST', '/api/messages', { user: ALICE, text: '/journal list' });
    expect(bob.json).toMatchObject({ error: 'forbidden' });
    expect(String(bob.json.message)).toContain('only an admin may act for another user');
  });

  /** Each chat command: Bob, in his own conversation, aims it at what Alice has. */
  const CHAT_CASES: Record<string, { text: string; check: (reply: string) => void }> = {
    evaluate: {
      // Alice holds FINA: Bob's idea on it must not be told of an open position.
      text: 'long FINA 30 stop 29 target 33',
      check: (r) => expect(r).not.toMatch(/already (have|hold)|open position/i),
    },
    brainstorm: { text: '/brainstorm FINA', check: (r) => expect(r).not.toMatch(/already (have|hold)/i) },
    journal: { text: '/journal list', check: (r) => expect(r).not.toContain('alice-private-note') },
    trade: { text: '/trade list', check: (r) => expect(r).not.toMatch(/FINA|TCHA/) },
    review: { text: '', check: (r) => expect(r).toMatch(/no trade/i) },
    buddy: {
      text: '/buddy settings',
      check: (r) => expect(r).not.toMatch(new RegExp(`${ALICE}|0\\.42%|31,337`)),
    },
    ask: { text: '/ask what is a stop loss?', check: (r) => expect(r).not.toMatch(/FINA|TCHA|alice/i) },
  };

  it('when Bob presses Details or Save under Alice’s report over the API, then he is told it is unknown', async () => {
    for (const id of ['details', 'save-journal']) {
      const res = await call(BOB, 'POST', '/api/messages', { text: '', action: { id, value: aliceEval } });
      expect(res.status).toBe(200);
      const reply = res.json.reply as { kind: string; title: string; issues: unknown[] };
      expect(reply.kind, id).toBe('error');
      expect(reply.issues).toEqual([]);
      expect(res.text).not.toContain('TCHA');
    }
    const own = await call(ALICE, 'POST', '/api/messages', {
      text: '',
      action: { id: 'details', value: aliceEval },
    });
    expect((own.json.reply as { view?: string }).view).toBe('full');
  });

  it('when Bob uses every chat command, then no answer shows Alice’s data', async () => {
    expect(Object.keys(CHAT_CASES).sort()).toEqual(COMMAND_LIST.map((c) => c.name).sort());
    CHAT_CASES.review = { text: `/review ${aliceTrade}`, check: (r) => expect(r).toMatch(/no trade/i) };
    for (const [name, c] of Object.entries(CHAT_CASES)) {
      const reply = replyText(await say(BOB, c.text));
      c.check(reply);
      expect(reply, name).not.toContain('alice-private-note');
      // (The review answer repeats the id Bob typed; any other answer naming it would be a leak.)
      if (name !== 'review') expect(reply, name).not.toContain(aliceTrade);
    }
  });
});
