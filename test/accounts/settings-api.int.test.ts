import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buildTestApp, startTestServer } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';

const ALICE = 'slack:T1:alice';
const BOB = 'slack:T1:bob';
const LEAD = 'slack:T1:lead';
const OUTSIDER = 'slack:T2:eve';
const ADMIN = 'cli:local:root';

describe.each(BACKENDS)('settings over HTTP and chat on $name', (backend) => {
  let app: App;
  let base: string;
  let close: () => Promise<void>;
  const token: Record<string, string> = {};

  const call = async (who: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token[who]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const say = async (who: string, text: string) => {
    const res = await call(who, 'POST', '/api/messages', { text });
    expect(res.status).toBe(200);
    const reply = res.json.reply as {
      title: string;
      kind: string;
      text?: string;
      sections: { text: string }[];
    };
    return {
      ...reply,
      all: [reply.title, reply.text ?? '', ...reply.sections.map((s) => s.text)].join('\n'),
    };
  };
  const version = async (userId: string) => (await app.services.settings.forUser(userId)).version;

  beforeAll(async () => {
    app = await buildTestApp(await backend.open());
    const started = await startTestServer(app);
    base = started.base;
    close = async () => {
      await started.server.close();
      await app.close();
    };
    for (const user of [ALICE, BOB, LEAD, OUTSIDER, ADMIN])
      token[user] = (await app.services.accounts.createToken({ userId: user, name: 'test' })).token;
    await app.services.accounts.setRole(LEAD, 'lead');
    await app.services.accounts.setRole(ADMIN, 'admin');
  }, 60_000);
  afterAll(() => close());

  it('when Alice puts and gets her settings, then each change is a new version and the history is kept', async () => {
    const before = await call(ALICE, 'GET', '/api/users/me/settings');
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({ version: 0, settings: { maxRiskPct: 1, equity: 50_000 } });
    const first = await call(ALICE, 'PUT', `/api/users/${ALICE}/settings`, {
      maxRiskPct: 0.5,
      equity: 25_000,
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ version: 1, settings: { maxRiskPct: 0.5, equity: 25_000 } });
    const second = await call(ALICE, 'PUT', '/api/users/me/settings', { minRewardRisk: 2, equity: null });
    expect(second.json).toMatchObject({
      version: 2,
      settings: { maxRiskPct: 0.5, minRewardRisk: 2, equity: 50_000 },
      source: { maxRiskPct: 'own', minRewardRisk: 'own', equity: 'default' },
    });
    const history = await app.services.settings.history(ALICE);
    expect(history.map((h) => [h.version, h.rules])).toEqual([
      [2, { maxRiskPct: 0.5, minRewardRisk: 2 }],
      [1, { maxRiskPct: 0.5, equity: 25_000 }],
    ]);
    expect((await app.services.users.getUser(ALICE))?.equitySnapshot).toBeNull();
  });

  it.each([
    [{ equity: -5000 }, 'equity must be above 0 (got -5000)'],
    [{ maxRiskPct: 40 }, 'max risk per trade is at most 10% of equity (got 40)'],
    [{ disabledModules: ['astrology'] }, 'unknown module "astrology"'],
    [{ baseCurrency: 'ABC' }, 'currency "ABC" is not an ISO 4217 code'],
    [{ colour: 'blue' }, 'unknown setting "colour"'],
    [{ maxRiskPct: 0.25, strictness: 'extreme' }, 'strictness "extreme" is not one of low, medium, high'],
  ])('when Alice puts %j, then 422 names the problem and nothing is written', async (body, message) => {
    const at = await version(ALICE);
    const res = await call(ALICE, 'PUT', '/api/users/me/settings', body);
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ error: 'invalid-settings' });
    expect(String(res.json.message)).toContain(message);
    expect(await version(ALICE)).toBe(at);
  });

  it.each([
    ['/buddy settings risk 40%', 'max risk per trade is at most 10% of equity (got 40)'],
    ['/buddy settings equity -5000', 'equity must be above 0 (got -5000)'],
    ['/buddy settings modules off astrology', 'unknown module "astrology"'],
    ['/buddy settings currency ABC', 'currency "ABC" is not an ISO 4217 code'],
    ['/buddy settings colour blue', 'I do not know the setting "colour blue"'],
    ['set my max risk to 40%', 'max risk per trade is at most 10%'],
    ['/buddy settings risk 0.5% rr 50', 'min reward:risk is at most 20R'],
  ])(
    'when Alice types "%s", then the reply names the problem and nothing is written',
    async (text, message) => {
      const at = await version(ALICE);
      const reply = await say(ALICE, text);
      expect(reply.kind).toBe('error');
      expect(reply.title).toBe('Settings not changed');
      expect(reply.all).toContain(message);
      expect(await version(ALICE)).toBe(at);
    },
  );

  it('when Bob aims the settings routes at Alice, then he reads nothing (404) and changes nothing (403)', async () => {
    const at = await version(ALICE);
    const read = await call(BOB, 'GET', `/api/users/${ALICE}/settings`);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.json)).not.toContain('0.5');
    expect((await call(BOB, 'PUT', `/api/users/${ALICE}/settings`, { maxRiskPct: 5 })).status).toBe(403);
    expect((await call(OUTSIDER, 'GET', `/api/users/${ALICE}/settings`)).status).toBe(404);
    expect(await version(ALICE)).toBe(at);
    const admin = await call(ADMIN, 'PUT', `/api/users/${ALICE}/settings`, { nudgeSensitivity: 'low' });
    expect(admin.status).toBe(200);
    expect((await app.services.settings.history(ALICE, 1))[0]?.changedBy).toBe(ADMIN);
  });

  it('when the lead sets team defaults, then members inherit them until they set their own', async () => {
    expect((await call(BOB, 'PUT', '/api/teams/slack:T1/settings', { maxRiskPct: 0.75 })).status).toBe(403);
    expect((await call(OUTSIDER, 'PUT', '/api/teams/slack:T1/settings', { maxRiskPct: 0.75 })).status).toBe(
      404,
    );
    expect((await call(OUTSIDER, 'GET', '/api/teams/slack:T1/settings')).status).toBe(404);
    const refused = await say(BOB, '/buddy settings team risk 0.75%');
    expect(refused.all).toContain("Only your team's lead or an admin");

    const set = await say(LEAD, '/buddy settings team risk 0.75% rr 2.5');
    expect(set.title).toBe('Team defaults saved');
    expect((await call(BOB, 'GET', '/api/teams/slack:T1/settings')).json).toMatchObject({
      version: 1,
      settings: { maxRiskPct: 0.75, minRewardRisk: 2.5 },
    });
    const inherited = await say(BOB, '/buddy settings');
    expect(inherited.all).toContain('max risk per trade: 0.75% of equity (team)');
    expect(inherited.all).toContain('min reward:risk: 2.5R (team)');

    await say(BOB, 'set my max risk to 0.5%');
    const own = await call(BOB, 'GET', '/api/users/me/settings');
    expect(own.json).toMatchObject({
      version: 1,
      teamVersion: 1,
      settings: { maxRiskPct: 0.5, minRewardRisk: 2.5 },
      source: { maxRiskPct: 'own', minRewardRisk: 'team' },
    });
    // The admin changes a team's defaults over HTTP; the member's own value still wins.
    const admin = await call(ADMIN, 'PUT', '/api/teams/slack:T1/settings', { maxRiskPct: 2 });
    expect(admin.json).toMatchObject({ version: 2, settings: { maxRiskPct: 2, minRewardRisk: 2.5 } });
    expect((await app.services.settings.forUser(BOB)).values.maxRiskPct).toBe(0.5);
    await say(BOB, '/buddy settings reset risk');
    expect((await app.services.settings.forUser(BOB)).values.maxRiskPct).toBe(2);
  });
});
