import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { idempotencyKeys } from '../schema/index.js';

export type IdempotencyBegin =
  | { kind: 'new' }
  | { kind: 'done'; statusCode: number; response: unknown }
  | { kind: 'mismatch' }
  | { kind: 'running' };

export interface IdempotencyRef {
  scope: string;
  key: string;
}

/** Idempotency-Key records: the first request with a key runs, repeats read its stored response. */
export function createIdempotencyRepository(db: Db) {
  const is = (ref: IdempotencyRef) =>
    and(eq(idempotencyKeys.scope, ref.scope), eq(idempotencyKeys.key, ref.key));

  return {
    /**
     * Claims a key for a request with this fingerprint. The insert is the lock: of concurrent
     * requests with one key exactly one gets `new`. A running key whose holder's lock ran out
     * (the process died) is taken over by a conditional update; an expired key starts afresh.
     */
    async begin(
      ref: IdempotencyRef & { fingerprint: string; now: Date; lockMs: number; ttlMs: number },
    ): Promise<IdempotencyBegin> {
      const lockedUntil = new Date(ref.now.getTime() + ref.lockMs);
      await db.delete(idempotencyKeys).where(and(is(ref), lt(idempotencyKeys.expiresAt, ref.now)));
      const [inserted] = await db
        .insert(idempotencyKeys)
        .values({
          scope: ref.scope,
          key: ref.key,
          fingerprint: ref.fingerprint,
          lockedUntil,
          createdAt: ref.now,
          expiresAt: new Date(ref.now.getTime() + ref.ttlMs),
        })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (inserted) return { kind: 'new' };
      const [row] = await db.select().from(idempotencyKeys).where(is(ref));
      // Deleted by its own holder's failure between our insert and select: treat as still busy.
      if (!row) return { kind: 'running' };
      if (row.fingerprint !== ref.fingerprint) return { kind: 'mismatch' };
      if (row.status === 'done')
        return { kind: 'done', statusCode: row.statusCode ?? 200, response: row.response };
      const [taken] = await db
        .update(idempotencyKeys)
        .set({ lockedUntil })
        .where(and(is(ref), eq(idempotencyKeys.status, 'running'), lt(idempotencyKeys.lockedUntil, ref.now)))
        .returning({ key: idempotencyKeys.key });
      return taken ? { kind: 'new' } : { kind: 'running' };
    },

    async finish(ref: IdempotencyRef & { statusCode: number; response: unknown }): Promise<void> {
      await db
        .update(idempotencyKeys)
        .set({ status: 'done', statusCode: ref.statusCode, response: ref.response })
        .where(is(ref));
    },

    /** Forgets a key whose request failed, so a retry with the same key runs again. */
    async release(ref: IdempotencyRef): Promise<void> {
      await db.delete(idempotencyKeys).where(and(is(ref), eq(idempotencyKeys.status, 'running')));
    },

    async purgeExpired(now: Date): Promise<number> {
      const gone = await db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.expiresAt, now))
        .returning({ key: idempotencyKeys.key });
      return gone.length;
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
