import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { isFromTheFuture } from '../../../src/bot/slack/request-freshness.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';
import { signedHeaders } from '../../helpers/fake-slack-server.js';
import { nextId, SIGNING_SECRET, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('isFromTheFuture', () => {
  const now = 1_700_000_000_000;
  const at = (offsetSeconds: number) => String(now / 1000 + offsetSeconds);
  it.each([
    [at(86_400), true],
    [at(301), true],
    [at(360), true],
    [at(300), false],
    [at(240), false],
    [at(0), false],
    [at(-86_400), false],
    [[at(3600)], true],
    ['not-a-number', false],
    ['', false],
    [undefined, false],
  ])('when the timestamp header is %j, then "from the future" is %s', (header, expected) => {
    expect(isFromTheFuture(header, now)).toBe(expected);
  });
});

// One back end is enough: the check happens before anything reaches the database.
describe.each(BACKENDS.slice(0, 1))('Slack request timestamps, both directions, on $name', (backend) => {
  let app: App;
  let h: SlackHarness;

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    h = await startSlackHarness(app);
  });
  afterAll(async () => {
    await h.close();
    await app.close();
  });

  /** A `/buddy help` slash command correctly signed for a timestamp `offsetSeconds` from now. */
  const signedAt = (offsetSeconds: number, responseId: string) => {
    const body = new URLSearchParams({
      team_id: 'T1',
      channel_id: 'C-TS',
      user_id: 'U1',
      command: '/buddy',
      text: 'help',
      response_url: h.slack.responseUrl(responseId),
      trigger_id: nextId('tr.ts'),
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000) + offsetSeconds;
    return h.raw(body, signedHeaders(SIGNING_SECRET, body, 'application/x-www-form-urlencoded', timestamp));
  };

  it.each([
    ['a day ahead', 86_400],
    ['6 minutes ahead', 360],
    ['6 minutes behind', -360],
  ])(
    'when a correctly signed request is dated %s, then it is refused with 401 and nothing runs',
    async (_what, offset) => {
      const id = nextId('ts-refused');
      const calls = h.slack.calls.length;
      const res = await signedAt(offset, id);
      await res.arrayBuffer();
      expect(res.status).toBe(401);
      await settle(300);
      expect(h.slack.calls.length).toBe(calls);
    },
  );

  it.each([
    ['4 minutes ahead', 240],
    ['4 minutes behind', -240],
    ['now', 0],
  ])(
    'when a correctly signed request is dated %s, then it is accepted and answered',
    async (_what, offset) => {
      const id = nextId('ts-accepted');
      const res = await signedAt(offset, id);
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      await h.slack.waitFor(`response/${id}`, 1);
    },
  );
});
