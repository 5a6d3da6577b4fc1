import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { apiTokens, teams, userAccounts, webSessions } from '../schema/index.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;
import type { Role, ShareLevel } from '../schema/people.js';

export { ROLES, type Role, SHARE_LEVELS, type ShareLevel } from '../schema/people.js';

/** Who a user is, as far as access decisions go. */
export interface AccountRecord {
  userId: string;
  teamId: string | null;
  role: Role;
  shareWithTeam: ShareLevel;
}

const accountColumns = {
  userId: userAccounts.userId,
  teamId: userAccounts.teamId,
  role: userAccounts.role,
  shareWithTeam: userAccounts.shareWithTeam,
};

const live = (now: Date) =>
  and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)));

export function createAccountRepository(db: Db) {
  return {
    async account(userId: string): Promise<AccountRecord | undefined> {
      const [row] = await db.select(accountColumns).from(userAccounts).where(eq(userAccounts.userId, userId));
      return row;
    },

    async ensureTeam(team: { teamId: string; platform: string }): Promise<void> {
      await db.insert(teams).values(team).onConflictDoNothing();
    },

    async setRole(userId: string, role: Role): Promise<boolean> {
      const rows = await db
        .update(userAccounts)
        .set({ role, updatedAt: new Date() })
        .where(eq(userAccounts.userId, userId))
        .returning({ userId: userAccounts.userId });
      return rows.length > 0;
    },

    async setShare(userId: string, share: ShareLevel): Promise<boolean> {
      const rows = await db
        .update(userAccounts)
        .set({ shareWithTeam: share, updatedAt: new Date() })
        .where(eq(userAccounts.userId, userId))
        .returning({ userId: userAccounts.userId });
      return rows.length > 0;
    },

    async insertToken(token: {
      userId: string;
      name: string;
      tokenHash: string;
      prefix: string;
      expiresAt: Date | null;
    }): Promise<ApiTokenRow> {
      const [row] = await db.insert(apiTokens).values(token).returning();
      if (!row) throw new Error('token insert returned nothing');
      return row;
    },

    /**
     * The live token with this hash and its owner. Marks it used at most once a minute: every API
     * call reads the token, and a write per call would only move a timestamp by seconds.
     */
    async useToken(tokenHash: string, now: Date): Promise<AccountRecord | undefined> {
      const [token] = await db
        .select({ tokenId: apiTokens.tokenId, userId: apiTokens.userId, lastUsedAt: apiTokens.lastUsedAt })
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenHash, tokenHash), live(now)));
      if (!token) return undefined;
      if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000)
        await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.tokenId, token.tokenId));
      return this.account(token.userId);
    },

    async listTokens(userId: string): Promise<ApiTokenRow[]> {
      return db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.userId, userId))
        .orderBy(desc(apiTokens.createdAt));
    },

    /** Revokes a live token of this user named by its id or prefix; the revoked row, if any. */
    async revokeToken(userId: string, idOrPrefix: string, now: Date): Promise<ApiTokenRow | undefined> {
      const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrPrefix);
      const [row] = await db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(apiTokens.userId, userId),
            isNull(apiTokens.revokedAt),
            isUuid ? eq(apiTokens.tokenId, idOrPrefix) : eq(apiTokens.prefix, idOrPrefix),
          ),
        )
        .returning();
      return row;
    },

    async anyLiveToken(now: Date): Promise<boolean> {
      const [row] = await db.select({ one: sql<number>`1` }).from(apiTokens).where(live(now)).limit(1);
      return row !== undefined;
    },

    async insertSession(session: { sessionHash: string; userId: string; expiresAt: Date }): Promise<void> {
      await db.insert(webSessions).values(session);
    },

    async sessionAccount(sessionHash: string, now: Date): Promise<AccountRecord | undefined> {
      const [row] = await db
        .select({ userId: webSessions.userId })
        .from(webSessions)
        .where(
          and(
            eq(webSessions.sessionHash, sessionHash),
            isNull(webSessions.revokedAt),
            gt(webSessions.expiresAt, now),
          ),
        );
      return row ? this.account(row.userId) : undefined;
    },

    async revokeSession(sessionHash: string, now: Date): Promise<void> {
      await db.update(webSessions).set({ revokedAt: now }).where(eq(webSessions.sessionHash, sessionHash));
    },
  };
}

export type AccountRepository = ReturnType<typeof createAccountRepository>;
