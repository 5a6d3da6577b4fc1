import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userAccounts } from './people.js';

/** One conversation per (platform, workspace, channel, thread, user). */
export const assistantSessions = pgTable(
  'assistant_sessions',
  {
    sessionId: uuid('session_id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    workspace: text('workspace').notNull(),
    channel: text('channel').notNull(),
    thread: text('thread').notNull().default(''),
    mode: text('mode').notNull().default('idle'),
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default({}),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('uq_assistant_sessions_thread_user').on(
      t.platform,
      t.workspace,
      t.channel,
      t.thread,
      t.userId,
    ),
    index('idx_assistant_sessions_user').on(t.userId),
  ],
);

export const assistantMessages = pgTable(
  'assistant_messages',
  {
    msgId: uuid('msg_id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => assistantSessions.sessionId, { onDelete: 'cascade' }),
    ts: timestamp('ts', { withTimezone: true }).notNull().defaultNow(),
    role: text('role').$type<'user' | 'assistant'>().notNull(),
    content: text('content').notNull(),
    /** The platform's delivery id for inbound messages: a retried delivery is answered from the record. */
    deliveryId: text('delivery_id'),
    inReplyTo: uuid('in_reply_to'),
    reply: jsonb('reply').$type<Record<string, unknown>>(),
    toolCalls: jsonb('tool_calls').$type<unknown[]>(),
  },
  (t) => [
    index('idx_assistant_messages_session_ts').on(t.sessionId, t.ts),
    uniqueIndex('uq_assistant_messages_delivery')
      .on(t.sessionId, t.deliveryId)
      .where(sql`${t.deliveryId} is not null`),
    index('idx_assistant_messages_in_reply_to').on(t.inReplyTo),
  ],
);
