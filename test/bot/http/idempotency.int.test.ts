import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { fingerprintOf, readIdempotencyKey } from '../../../src/bot/http/idempotency.js';
import { buildTestApp, startTestServer } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

const intent = (entry: number) => ({
  symbol: 'SPX',
  side: 'long',
  entry,
  stop: entry - 10,
  targets: [entry + 20],
  size: { kind: 'risk-pct', value: 1 },
});
let n = 0;
const freshKey = () => `"key-${process.pid}-${++n}"`;

describe.each(BACKENDS)('POST /api/evaluate with an Idempotency-Key on $name', (backend) => {
  let app: App;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    const started = await startTestServer(app);
    base = started.base;
    close = async () => {
      await started.server.close();
      await app.close();
    };
  });
  afterAll(async () => close());

  const evaluate = (body: unknown, key?: string) =>
    fetch(`${base}/api/evaluate`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
    });
  const count = () => app.services.evaluations.countEvaluations();

  it('when the same key comes with the same body (in another key order), then the stored response is returned and nothing runs again', async () => {
    const key = freshKey();
    const before = await count();
    const first = await evaluate({ userId: 'http:api:idem', intent: intent(2870) }, key);
    expect(first.status).toBe(200);
    const firstBody = (await first.json()) as { evaluationId: string };
    const again = await evaluate({ intent: intent(2870), userId: 'http:api:idem' }, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(firstBody);
    expect(firstBody.evaluationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await count()).toBe(before + 1);
  });

  it('when the same key comes with a different body, then it answers 422 saying the key was used for another request, and evaluates nothing', async () => {
    const key = freshKey();
    await evaluate({ userId: 'http:api:idem', intent: intent(2870) }, key);
    const before = await count();
    const res = await evaluate({ userId: 'http:api:idem', intent: intent(2880) }, key);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: 'idempotency-key-reused',
      message: expect.stringContaining('different request body'),
    });
    expect(await count()).toBe(before);
  });

  it('when eight duplicates arrive at once, then one evaluation runs and every answer carries its id', async () => {
    const key = freshKey();
    const before = await count();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => evaluate({ userId: 'http:api:idem', intent: intent(2860) }, key)),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { evaluationId?: string }[];
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(bodies.map((b) => b.evaluationId)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('when two callers use the same key, then each gets their own evaluation', async () => {
    const key = freshKey();
    const a = (await (await evaluate({ userId: 'http:api:ann', intent: intent(2870) }, key)).json()) as {
      evaluationId: string;
    };
    const b = (await (await evaluate({ userId: 'http:api:ben', intent: intent(2870) }, key)).json()) as {
      evaluationId: string;
    };
    expect(a.evaluationId).not.toBe(b.evaluationId);
  });

  it.each([
    ['an empty string', '""'],
    ['two keys', '"a", "b"'],
    ['a key of 256 characters', `"${'k'.repeat(256)}"`],
  ])(
    'when the header holds %s, then it answers 400 naming the header and evaluates nothing',
    async (_, key) => {
      const before = await count();
      const res = await evaluate({ userId: 'http:api:idem', intent: intent(2870) }, key);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: 'invalid-idempotency-key',
        message: expect.stringContaining('Idempotency-Key'),
      });
      expect(await count()).toBe(before);
    },
  );

  it('when the request fails (unknown symbol), then the key is released and a corrected retry under a new body is not refused', async () => {
    const key = freshKey();
    const bad = await evaluate({ userId: 'http:api:idem', intent: { ...intent(2870), symbol: 'SPXX' } }, key);
    expect(bad.status).toBe(422);
    const good = await evaluate({ userId: 'http:api:idem', intent: intent(2870) }, key);
    expect(good.status).toBe(200);
  });

  it('when a key is older than 24 hours, then it is forgotten: the same key with another body runs', async () => {
    const ref = { scope: 'test-scope', key: 'old-key' };
    const now = new Date();
    const opts = { lockMs: 60_000, ttlMs: 24 * 3_600_000 };
    expect(await app.services.idempotency.begin({ ...ref, ...opts, fingerprint: 'a', now })).toEqual({
      kind: 'new',
    });
    await app.services.idempotency.finish({ ...ref, statusCode: 200, response: { ok: 1 } });
    const sameDay = new Date(now.getTime() + 23 * 3_600_000);
    expect(await app.services.idempotency.begin({ ...ref, ...opts, fingerprint: 'b', now: sameDay })).toEqual(
      {
        kind: 'mismatch',
      },
    );
    const nextDay = new Date(now.getTime() + 25 * 3_600_000);
    expect(await app.services.idempotency.begin({ ...ref, ...opts, fingerprint: 'b', now: nextDay })).toEqual(
      {
        kind: 'new',
      },
    );
  });

  it('when the holder of a key died mid-request, then after its lock a retry runs it', async () => {
    const ref = { scope: 'test-scope', key: 'dead-holder' };
    const now = new Date();
    const opts = { lockMs: 60_000, ttlMs: 24 * 3_600_000, fingerprint: 'f' };
    expect(await app.services.idempotency.begin({ ...ref, ...opts, now })).toEqual({ kind: 'new' });
    expect(await app.services.idempotency.begin({ ...ref, ...opts, now })).toEqual({ kind: 'running' });
    const later = new Date(now.getTime() + 61_000);
    expect(await app.services.idempotency.begin({ ...ref, ...opts, now: later })).toEqual({ kind: 'new' });
  });
});

describe('Idempotency-Key parsing', () => {
  it.each([
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['abc', 'abc'],
  ])('when the header is %s, then the key is %s', (header, key) => {
    expect(readIdempotencyKey(header)).toEqual({ key });
  });

  it('when two bodies differ only in key order, then their fingerprints are equal, and differ when a value does', () => {
    expect(fingerprintOf({ a: 1, b: { c: 2, d: 3 } })).toBe(fingerprintOf({ b: { d: 3, c: 2 }, a: 1 }));
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
  });
});
