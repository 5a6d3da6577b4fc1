import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { createHttpServer } from '../../../src/bot/http/index.js';
import type { Inbound } from '../../../src/bot/types.js';
import { buildTestApp, startTestServer } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';
import { rowCounts } from '../../helpers/row-counts.js';
import { storable, unstorable } from '../../helpers/text-arbitrary.js';

/** How the refusal names the character, worked out here rather than by the code under test. */
const named = (bad: string) => {
  const code = bad.charCodeAt(0);
  return code === 0
    ? 'a NUL character (U+0000)'
    : `an unpaired UTF-16 surrogate (U+${code.toString(16).toUpperCase()})`;
};

/** A copy of `body` with the string at the dotted `path` replaced. */
function withField(body: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1) as string] = value;
  return copy;
}

const MESSAGE = {
  user: 'ann',
  text: 'hello',
  userName: 'Ann',
  workspace: 'w',
  channel: 'c',
  thread: 't',
  command: 'help',
  action: { id: 'edit', value: 'v' },
  deliveryId: 'd-1',
};
const EVALUATE = {
  userId: 'http:api:ann',
  asOf: '2020-04-17',
  intent: { symbol: 'SPX', side: 'long', entry: 2870, stop: 2790, thesis: 'retest of support' },
};
const REVIEW = { userId: 'ann', symbol: 'SPX' };
const REVIEW_BY_ID = { tradeId: '00000000-0000-4000-8000-000000000000' };

const HTTP_FIELDS: [string, string, Record<string, unknown>][] = [
  ...Object.keys(MESSAGE).flatMap((k): [string, string, Record<string, unknown>][] =>
    k === 'action'
      ? [
          ['/api/messages', 'action.id', MESSAGE],
          ['/api/messages', 'action.value', MESSAGE],
        ]
      : [['/api/messages', k, MESSAGE]],
  ),
  ['/api/evaluate', 'userId', EVALUATE],
  ['/api/evaluate', 'asOf', EVALUATE],
  ['/api/evaluate', 'intent.symbol', EVALUATE],
  ['/api/evaluate', 'intent.side', EVALUATE],
  ['/api/evaluate', 'intent.thesis', EVALUATE],
  ['/api/post-trade-review', 'userId', REVIEW],
  ['/api/post-trade-review', 'symbol', REVIEW],
  ['/api/post-trade-review', 'tradeId', REVIEW_BY_ID],
];

const INBOUND_FIELDS = [
  'workspace',
  'channel',
  'thread',
  'user',
  'userName',
  'text',
  'command',
  'action.id',
  'action.value',
  'deliveryId',
] as const;

describe.each(BACKENDS)('text a database cannot store, on $name', (backend) => {
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

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it.each(HTTP_FIELDS)(
    'when POST %s has a NUL or a lone surrogate anywhere in %s (property), then it answers 400 naming the field and the character, and writes nothing',
    async (route, field, body) => {
      const before = await rowCounts(app.database);
      await fc.assert(
        fc.asyncProperty(storable(), unstorable, storable(), async (head, bad, tail) => {
          const res = await post(route, withField(body, field, head + bad + tail));
          const answer = (await res.json()) as { error: string; fields: { path: string; message: string }[] };
          expect(res.status).toBe(400);
          expect(answer.error).toBe('invalid-request');
          expect(answer.fields).toEqual([
            {
              path: field,
              message: expect.stringContaining(`contains ${named(bad)} at position ${head.length + 1}`),
            },
          ]);
        }),
        { numRuns: 15 },
      );
      expect(await rowCounts(app.database)).toEqual(before);
    },
  );

  it.each([['cli'], ['http'], ['slack'], ['discord']] as const)(
    'when a %s message has a NUL or a lone surrogate in any field (property), then the chat reply names the field and the character, and nothing is written',
    async (platform) => {
      const before = await rowCounts(app.database);
      const valid: Inbound = {
        platform,
        workspace: 'w',
        channel: 'c',
        thread: 't',
        user: 'ann',
        userName: 'Ann',
        text: 'long SPX 2870 stop 2790',
        command: 'evaluate',
        action: { id: 'edit', value: 'v' },
        deliveryId: 'd-1',
      };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...INBOUND_FIELDS),
          storable(),
          unstorable,
          storable(),
          async (field, head, bad, tail) => {
            const inbound = withField({ ...valid }, field, head + bad + tail) as unknown as Inbound;
            const reply = await app.conversation.handle(inbound);
            expect(reply.kind).toBe('error');
            expect(reply.title).toBe('I could not read that message');
            expect(reply.text).toContain(`${field}: contains ${named(bad)} at position ${head.length + 1}`);
          },
        ),
        { numRuns: 40 },
      );
      expect(await rowCounts(app.database)).toEqual(before);
    },
  );

  it('when well-formed text of any script is sent as a chat message (property), then it is answered, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(storable(60), async (text) => {
        const res = await post('/api/messages', { user: 'pat', text });
        expect(res.status).toBe(200);
      }),
      { numRuns: 10 },
    );
  });

  it.each([
    [
      '/api/messages',
      { user: 'ann', text: 'long SPX 2870\u0000 stop 2790' },
      'text',
      'a NUL character (U+0000)',
    ],
    [
      '/api/evaluate',
      { ...EVALUATE, intent: { ...EVALUATE.intent, thesis: 'gap \ud83d fill' } },
      'intent.thesis',
      'an unpaired UTF-16 surrogate (U+D83D)',
    ],
  ])(
    "when POST %s has the issue's example %j, then it answers 400 at %s naming %s",
    async (route, body, path, character) => {
      const before = await rowCounts(app.database);
      const res = await post(route, body);
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { fields: { path: string; message: string }[] };
      expect(answer.fields[0]?.path).toBe(path);
      expect(answer.fields[0]?.message).toContain(character);
      expect(await rowCounts(app.database)).toEqual(before);
    },
  );

  it.each([
    [
      'an entry of 1e300',
      '{"intent":{"symbol":"SPX","side":"long","entry":1e300}}',
      'intent.entry',
      'is above the largest price',
    ],
    [
      'an entry of 1e309',
      '{"intent":{"symbol":"SPX","side":"long","entry":1e309}}',
      'intent.entry',
      'must be a finite number',
    ],
    [
      'a negative stop',
      '{"intent":{"symbol":"SPX","side":"long","entry":2870,"stop":-1}}',
      'intent.stop',
      'must be a positive price',
    ],
    [
      'ten billion shares',
      '{"intent":{"symbol":"SPX","side":"long","entry":2870,"size":{"kind":"shares","value":1e10}}}',
      'intent.size.value',
      'share counts above 0 and up to 1,000,000,000 are accepted',
    ],
    [
      'a risk of 250%',
      '{"intent":{"symbol":"SPX","side":"long","entry":2870,"size":{"kind":"risk-pct","value":250}}}',
      'intent.size.value',
      'risk per trade cannot exceed 100% of equity',
    ],
  ])(
    'when POST /api/evaluate has %s, then it answers 400 saying what range is accepted, and writes nothing',
    async (_what, raw, path, message) => {
      const before = await rowCounts(app.database);
      const res = await post('/api/evaluate', raw);
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { fields: { path: string; message: string }[] };
      expect(answer.fields).toContainEqual({ path, message: expect.stringContaining(message) });
      expect(await rowCounts(app.database)).toEqual(before);
    },
  );

  it('when storing the inbound message fails, then the user and session created for it are rolled back too', async () => {
    // A real constraint on the real table makes the third write of the turn fail.
    await app.database.db.execute(
      sql`alter table assistant_messages add constraint fault_injected check (content <> 'fault-injected')`,
    );
    try {
      const before = await rowCounts(app.database);
      await expect(
        app.conversation.handle({
          platform: 'cli',
          workspace: 'w',
          channel: 'c',
          thread: '',
          user: 'fresh-user',
          text: 'fault-injected',
        }),
      ).rejects.toThrow();
      expect(await rowCounts(app.database)).toEqual(before);
      expect(await app.services.users.getUser('cli:w:fresh-user')).toBeUndefined();
    } finally {
      await app.database.db.execute(sql`alter table assistant_messages drop constraint fault_injected`);
    }
  });
});
