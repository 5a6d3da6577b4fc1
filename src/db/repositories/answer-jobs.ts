import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { answerJobs, assistantMessages, assistantSessions } from '../schema/index.js';
import type { MessageRow, SessionRow } from './conversations.js';

export type AnswerJobRow = typeof answerJobs.$inferSelect;

export interface Lease {
  owner: string;
  now: Date;
  leaseMs: number;
}

export interface StoredAnswer {
  msgId: string;
  owner: string;
  status: 'done' | 'failed';
  now: Date;
  sessionId: string;
  content: string;
  reply: Record<string, unknown>;
  /** Session mode and state saved with the answer; absent keeps the session as it is. */
  session?: { mode: string; state: Record<string, unknown> } | undefined;
  /** The flow's audit record (e.g. a knowledge answer's retrieval and model output). */
  toolCalls?: unknown[] | undefined;
  /** Finished by a sweeper, not the process that took the message: the answer is pushed. */
  recovered?: boolean;
}

export interface UndeliveredAnswer {
  job: AnswerJobRow;
  session: SessionRow;
  reply: MessageRow;
}

/**
 * The answer outbox. Every inbound message is stored together with a leased job; the reply is
 * stored only by the job's current owner while the job is pending (a fencing check), so however
 * many processes race, one answer per message is stored.
 */
export function createAnswerJobRepository(db: Db) {
  const leaseEnd = (lease: Lease) => new Date(lease.now.getTime() + lease.leaseMs);

  return {
    /** The same queries inside a caller's transaction (the conversation's first writes). */
    within: (tx: Db) => createAnswerJobRepository(tx),

    /**
     * Stores the inbound message and its job, leased to the caller, in one transaction.
     * Undefined when the delivery id was already stored (a platform retry).
     */
    async accept(
      input: { sessionId: string; content: string; deliveryId: string | undefined; inbound: object },
      lease: Lease,
    ): Promise<MessageRow | undefined> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(assistantMessages)
          .values({
            sessionId: input.sessionId,
            role: 'user',
            content: input.content,
            deliveryId: input.deliveryId ?? null,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return undefined;
        await tx.insert(answerJobs).values({
          msgId: row.msgId,
          sessionId: input.sessionId,
          inbound: { ...input.inbound },
          owner: lease.owner,
          leaseUntil: leaseEnd(lease),
        });
        return row;
      });
    },

    async find(msgId: string): Promise<AnswerJobRow | undefined> {
      const [row] = await db.select().from(answerJobs).where(eq(answerJobs.msgId, msgId));
      return row;
    },

    /** Takes over pending jobs whose lease ran out, oldest first; rows locked by others are skipped. */
    async claimExpired(lease: Lease, limit: number): Promise<AnswerJobRow[]> {
      const expired = db
        .select({ msgId: answerJobs.msgId })
        .from(answerJobs)
        .where(and(eq(answerJobs.status, 'pending'), lt(answerJobs.leaseUntil, lease.now)))
        .orderBy(asc(answerJobs.createdAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      return db
        .update(answerJobs)
        .set({ owner: lease.owner, leaseUntil: leaseEnd(lease), attempts: sql`${answerJobs.attempts} + 1` })
        .where(
          and(
            inArray(answerJobs.msgId, expired),
            eq(answerJobs.status, 'pending'),
            lt(answerJobs.leaseUntil, lease.now),
          ),
        )
        .returning();
    },

    /** Takes over one pending job whose lease ran out (a retried delivery); undefined when it is held. */
    async claimOne(msgId: string, lease: Lease): Promise<AnswerJobRow | undefined> {
      const [row] = await db
        .update(answerJobs)
        .set({ owner: lease.owner, leaseUntil: leaseEnd(lease), attempts: sql`${answerJobs.attempts} + 1` })
        .where(
          and(
            eq(answerJobs.msgId, msgId),
            eq(answerJobs.status, 'pending'),
            lt(answerJobs.leaseUntil, lease.now),
          ),
        )
        .returning();
      return row;
    },

    /**
     * Stores the answer (and the session state) and closes the job in one transaction, only when
     * the caller still owns the pending job. Undefined when it lost the job to another process.
     */
    async complete(input: StoredAnswer): Promise<MessageRow | undefined> {
      return db.transaction(async (tx) => {
        const [closed] = await tx
          .update(answerJobs)
          .set({
            status: input.status,
            finishedAt: input.now,
            recoveredAt: input.recovered ? input.now : null,
          })
          .where(
            and(
              eq(answerJobs.msgId, input.msgId),
              eq(answerJobs.owner, input.owner),
              eq(answerJobs.status, 'pending'),
            ),
          )
          .returning({ msgId: answerJobs.msgId });
        if (!closed) return undefined;
        const [row] = await tx
          .insert(assistantMessages)
          .values({
            sessionId: input.sessionId,
            role: 'assistant',
            content: input.content,
            inReplyTo: input.msgId,
            reply: input.reply,
            ...(input.toolCalls ? { toolCalls: input.toolCalls } : {}),
            // The session's last activity is this answer: one clock for both (not the server's now()).
            ts: input.now,
          })
          .returning();
        await tx
          .update(assistantSessions)
          .set({ ...(input.session ?? {}), lastActiveAt: input.now })
          .where(eq(assistantSessions.sessionId, input.sessionId));
        if (!row) throw new Error('reply insert returned nothing');
        return row;
      });
    },

    /** Answers finished by a sweeper and not yet pushed to their platform, with where they go. */
    async undelivered(platforms: string[], limit: number, maxAttempts: number): Promise<UndeliveredAnswer[]> {
      if (platforms.length === 0) return [];
      const rows = await db
        .select({ job: answerJobs, session: assistantSessions, reply: assistantMessages })
        .from(answerJobs)
        .innerJoin(assistantSessions, eq(assistantSessions.sessionId, answerJobs.sessionId))
        .innerJoin(assistantMessages, eq(assistantMessages.inReplyTo, answerJobs.msgId))
        .where(
          and(
            isNotNull(answerJobs.recoveredAt),
            isNull(answerJobs.deliveredAt),
            lt(answerJobs.deliveryAttempts, maxAttempts),
            inArray(assistantSessions.platform, platforms),
          ),
        )
        .orderBy(asc(answerJobs.finishedAt))
        .limit(limit);
      return rows;
    },

    /** Counts a push attempt; `delivered` closes it. */
    async recordDelivery(msgId: string, outcome: { delivered: boolean; now: Date }): Promise<void> {
      await db
        .update(answerJobs)
        .set({
          deliveryAttempts: sql`${answerJobs.deliveryAttempts} + 1`,
          ...(outcome.delivered ? { deliveredAt: outcome.now } : {}),
        })
        .where(eq(answerJobs.msgId, msgId));
    },

    async listBySession(sessionId: string): Promise<AnswerJobRow[]> {
      return db.select().from(answerJobs).where(eq(answerJobs.sessionId, sessionId));
    },
  };
}

export type AnswerJobRepository = ReturnType<typeof createAnswerJobRepository>;
