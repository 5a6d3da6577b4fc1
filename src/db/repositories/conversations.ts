import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { assistantMessages, assistantSessions } from '../schema/index.js';
import { createUserRepository } from './users.js';

export type SessionRow = typeof assistantSessions.$inferSelect;
export type MessageRow = typeof assistantMessages.$inferSelect;

export interface SessionKey {
  userId: string;
  platform: string;
  workspace: string;
  channel: string;
  thread: string;
}

async function findOrCreateSession(db: Db, key: SessionKey): Promise<SessionRow> {
  await db.insert(assistantSessions).values(key).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(assistantSessions)
    .where(
      and(
        eq(assistantSessions.platform, key.platform),
        eq(assistantSessions.workspace, key.workspace),
        eq(assistantSessions.channel, key.channel),
        eq(assistantSessions.thread, key.thread),
        eq(assistantSessions.userId, key.userId),
      ),
    );
  if (!row) throw new Error('session upsert returned nothing');
  return row;
}

/**
 * Stores an inbound message. Returns undefined when this delivery id was already stored
 * (a platform retry), so the caller can answer from the record instead of running again.
 */
async function appendInbound(
  db: Db,
  sessionId: string,
  content: string,
  deliveryId: string | undefined,
): Promise<MessageRow | undefined> {
  const [row] = await db
    .insert(assistantMessages)
    .values({ sessionId, role: 'user', content, deliveryId: deliveryId ?? null })
    .onConflictDoNothing()
    .returning();
  return row;
}

export function createConversationRepository(db: Db) {
  return {
    findOrCreateSession: (key: SessionKey): Promise<SessionRow> => findOrCreateSession(db, key),

    /**
     * A turn's first writes in one transaction: the user's account, the thread's session and the
     * inbound message. A failure in any of them leaves none behind. `stored` is undefined when
     * this delivery id was already stored (see appendInbound).
     */
    async openTurn(input: {
      user: { userId: string; platform: string; displayName?: string | undefined };
      session: SessionKey;
      content: string;
      deliveryId: string | undefined;
      /** Stores the message in the same transaction (the answer outbox adds its job); default: the message alone. */
      store?: (tx: Db, sessionId: string) => Promise<MessageRow | undefined>;
    }): Promise<{ session: SessionRow; stored: MessageRow | undefined }> {
      return db.transaction(async (tx) => {
        const txDb = tx as unknown as Db;
        await createUserRepository(txDb).ensureUser(input.user);
        const session = await findOrCreateSession(txDb, input.session);
        const stored = input.store
          ? await input.store(txDb, session.sessionId)
          : await appendInbound(txDb, session.sessionId, input.content, input.deliveryId);
        return { session, stored };
      });
    },

    async getSession(sessionId: string): Promise<SessionRow | undefined> {
      const [row] = await db
        .select()
        .from(assistantSessions)
        .where(eq(assistantSessions.sessionId, sessionId));
      return row;
    },

    appendInbound: (
      sessionId: string,
      content: string,
      deliveryId: string | undefined,
    ): Promise<MessageRow | undefined> => appendInbound(db, sessionId, content, deliveryId),

    async findInbound(sessionId: string, deliveryId: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(assistantMessages)
        .where(and(eq(assistantMessages.sessionId, sessionId), eq(assistantMessages.deliveryId, deliveryId)));
      return row;
    },

    async findReplyTo(msgId: string): Promise<MessageRow | undefined> {
      const [row] = await db.select().from(assistantMessages).where(eq(assistantMessages.inReplyTo, msgId));
      return row;
    },

    /** Stores the answer and the new session state together, so neither exists without the other. */
    async appendReplyAndState(input: {
      sessionId: string;
      inReplyTo: string;
      content: string;
      reply: Record<string, unknown>;
      mode: string;
      state: Record<string, unknown>;
    }): Promise<MessageRow> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(assistantMessages)
          .values({
            sessionId: input.sessionId,
            role: 'assistant',
            content: input.content,
            inReplyTo: input.inReplyTo,
            reply: input.reply,
          })
          .returning();
        await tx
          .update(assistantSessions)
          .set({ mode: input.mode, state: input.state, lastActiveAt: new Date() })
          .where(eq(assistantSessions.sessionId, input.sessionId));
        if (!row) throw new Error('reply insert returned nothing');
        return row;
      });
    },

    /**
     * The newest Buddy Report answered in a session (the stored reply is the full report), or
     * the one for `evaluationId` when given.
     */
    async findReport(sessionId: string, evaluationId?: string): Promise<MessageRow | undefined> {
      const [row] = await db
        .select()
        .from(assistantMessages)
        .where(
          and(
            eq(assistantMessages.sessionId, sessionId),
            eq(assistantMessages.role, 'assistant'),
            sql`${assistantMessages.reply}->>'kind' = 'report'`,
            evaluationId === undefined
              ? undefined
              : sql`${assistantMessages.reply}->'refs'->>'evaluationId' = ${evaluationId}`,
          ),
        )
        .orderBy(desc(assistantMessages.ts))
        .limit(1);
      return row;
    },

    async listMessages(sessionId: string): Promise<MessageRow[]> {
      return db
        .select()
        .from(assistantMessages)
        .where(eq(assistantMessages.sessionId, sessionId))
        .orderBy(asc(assistantMessages.ts));
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
