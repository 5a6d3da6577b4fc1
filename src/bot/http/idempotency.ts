import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'safe-stable-stringify';
import { parseItem } from 'structured-headers';
import type { IdempotencyRepository } from '../../db/index.js';
import { userError } from '../../errors.js';

/** How long a key is remembered (the draft leaves it to the server; 24 h is what it suggests). */
export const KEY_TTL_MS = 24 * 60 * 60_000;
/** A request holding a key this long is taken to be dead: a retry may run it again. */
const LOCK_MS = 2 * 60_000;
/** How long a concurrent duplicate waits for the first request's response before a 409. */
const WAIT_MS = 15_000;
const POLL_MS = 100;
const MAX_KEY = 255;

export interface IdempotencyDeps {
  keys: IdempotencyRepository;
  clock?: () => Date;
}

/**
 * The key from an `Idempotency-Key` header: a Structured Fields string (`"8e03978e-..."`) as the
 * IETF httpapi draft specifies, or, leniently, a bare token of printable characters as many
 * clients send. Undefined when there is no header; a string when it is malformed.
 */
export function readIdempotencyKey(header: string | string[] | undefined): { key?: string; error?: string } {
  if (header === undefined) return {};
  const raw = Array.isArray(header) ? header.join(',') : header;
  let key: string | undefined;
  try {
    const [value] = parseItem(raw);
    if (typeof value === 'string') key = value;
  } catch {
    key = undefined;
  }
  key ??= /^[\x21-\x7e]+$/.test(raw.trim()) && !raw.includes(',') ? raw.trim() : undefined;
  if (!key || key.length > MAX_KEY)
    return {
      error: `Idempotency-Key must be a quoted string of 1 to ${MAX_KEY} printable characters, e.g. Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324".`,
    };
  return { key };
}

/** The request's fingerprint: the same JSON body in any key order gives the same digest. */
export function fingerprintOf(body: unknown): string {
  return createHash('sha256')
    .update(stringify(body) ?? '')
    .digest('hex');
}

/**
 * Runs a POST at most once per Idempotency-Key (within `scope`): the first request runs and its
 * response is stored; a repeat with the same body gets the stored response (`Idempotent-Replayed:
 * true`), one with a different body a 422, and one while the first still runs waits for it (409
 * after a while). A request that fails forgets the key so that it may be retried.
 */
export async function withIdempotency(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: IdempotencyDeps,
  input: { scope: string; body: unknown },
  run: () => Promise<unknown>,
): Promise<unknown> {
  const header = readIdempotencyKey(request.headers['idempotency-key']);
  if (header.error)
    return reply.status(400).send({ error: 'invalid-idempotency-key', message: header.error });
  if (!header.key) return run();
  const clock = deps.clock ?? (() => new Date());
  const ref = { scope: input.scope, key: header.key };
  const fingerprint = fingerprintOf(input.body);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const begun = await deps.keys.begin({
      ...ref,
      fingerprint,
      now: clock(),
      lockMs: LOCK_MS,
      ttlMs: KEY_TTL_MS,
    });
    if (begun.kind === 'mismatch')
      throw userError(
        'idempotency-key-reused',
        'This Idempotency-Key was already used with a different request body. Send a new key for a new request.',
      );
    if (begun.kind === 'done') {
      void reply.header('idempotent-replayed', 'true');
      return reply.status(begun.statusCode).send(begun.response);
    }
    if (begun.kind === 'new') {
      try {
        const response: unknown = JSON.parse(JSON.stringify(await run()));
        await deps.keys.finish({ ...ref, statusCode: 200, response });
        return response;
      } catch (error) {
        await deps.keys.release(ref);
        throw error;
      }
    }
    if (Date.now() > deadline)
      return reply.status(409).header('retry-after', '1').send({
        error: 'idempotency-key-in-use',
        message: 'A request with this Idempotency-Key is still being processed. Retry in a moment.',
      });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
