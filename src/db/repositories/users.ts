import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { userAccounts, userRules } from '../schema/index.js';

export type UserAccountRow = typeof userAccounts.$inferSelect;

export function createUserRepository(db: Db) {
  return {
    /** Creates the account on first contact; later calls only refresh the display name. */
    async ensureUser(user: {
      userId: string;
      platform: string;
      displayName?: string | undefined;
    }): Promise<UserAccountRow> {
      const [row] = await db
        .insert(userAccounts)
        .values({ userId: user.userId, platform: user.platform, displayName: user.displayName ?? null })
        .onConflictDoUpdate({
          target: userAccounts.userId,
          set: { displayName: sql`coalesce(excluded.display_name, ${userAccounts.displayName})` },
        })
        .returning();
      if (!row) throw new Error(`could not upsert user ${user.userId}`);
      return row;
    },

    async getUser(userId: string): Promise<UserAccountRow | undefined> {
      const [row] = await db.select().from(userAccounts).where(eq(userAccounts.userId, userId));
      return row;
    },

    async setEquity(userId: string, equity: number): Promise<void> {
      await db
        .update(userAccounts)
        .set({ equitySnapshot: equity, updatedAt: new Date() })
        .where(eq(userAccounts.userId, userId));
    },

    async getRules(userId: string): Promise<{ rules: Record<string, unknown>; version: number } | undefined> {
      const [row] = await db.select().from(userRules).where(eq(userRules.userId, userId));
      return row ? { rules: row.rules, version: row.version } : undefined;
    },

    /** Replaces the rules and bumps their version. */
    async setRules(userId: string, rules: Record<string, unknown>): Promise<number> {
      const [row] = await db
        .insert(userRules)
        .values({ userId, rules, version: 1 })
        .onConflictDoUpdate({
          target: userRules.userId,
          set: { rules, version: sql`${userRules.version} + 1`, updatedAt: new Date() },
        })
        .returning({ version: userRules.version });
      return row?.version ?? 1;
    },
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
