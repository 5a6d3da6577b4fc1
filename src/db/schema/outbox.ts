import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { assistantMessages, assistantSessions } from './conversation.js';

const tz = { withTimezone: true } as const;

/**
 * One row per stored inbound message until it is answered: the answer path's outbox. Whoever
 * holds the lease (owner, lease_until) runs the answer; a lease that expires (the process died)
 * is claimed by a sweeper, which re-runs the flow when that is safe or stores a failure reply.
 * The reply is stored only while the job is still `pending` and owned by the caller, so an
 * inbound message is answered exactly once.
 */
export const answerJobs = pgTable(
  'answer_jobs',
  {
    msgId: uuid('msg_id')
      .primaryKey()
      .references(() => assistantMessages.msgId, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => assistantSessions.sessionId, { onDelete: 'cascade' }),
    /** The validated Inbound, so another process can run the answer again. */
    inbound: jsonb('inbound').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<'pending' | 'done' | 'failed'>().notNull().default('pending'),
    owner: text('owner').notNull(),
    leaseUntil: timestamp('lease_until', tz).notNull(),
    attempts: integer('attempts').notNull().default(1),
    /** Set when a sweeper finished the job: the answer must be pushed to the platform. */
    recoveredAt: timestamp('recovered_at', tz),
    deliveredAt: timestamp('delivered_at', tz),
    deliveryAttempts: integer('delivery_attempts').notNull().default(0),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', tz),
  },
  (t) => [
    index('idx_answer_jobs_pending').on(t.leaseUntil).where(sql`${t.status} = 'pending'`),
    index('idx_answer_jobs_undelivered')
      .on(t.finishedAt)
      .where(sql`${t.recoveredAt} is not null and ${t.deliveredAt} is null`),
  ],
);

/**
 * Idempotency-Key records (IETF httpapi idempotency-key draft): the first request with a key
 * stores its fingerprint and, once done, its response; a repeat gets the stored response.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: text('status').$type<'running' | 'done'>().notNull().default('running'),
    /** A holder that died leaves a running key: after this instant a repeat may take it over. */
    lockedUntil: timestamp('locked_until', tz).notNull(),
    statusCode: integer('status_code'),
    response: jsonb('response').$type<unknown>(),
    createdAt: timestamp('created_at', tz).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', tz).notNull(),
  },
  (t) => [
    primaryKey({ name: 'pk_idempotency_keys', columns: [t.scope, t.key] }),
    index('idx_idempotency_keys_expires').on(t.expiresAt),
  ],
);
