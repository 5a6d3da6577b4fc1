import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { teams, userAccounts } from '../schema/index.js';

export type UserAccountRow = typeof userAccounts.$inferSelect;

/** The desk an identity belongs to: the first two parts of `platform:workspace:user`. */
export function teamOf(userId: string): string | null {
  const parts = userId.split(':');
  return parts.length >= 3 ? `${parts[0]}:${parts[1]}` : null;
}

export function createUserRepository(db: Db) {
  return {
    /**
     * Creates the account on first contact, in the team of the desk it came from
     * (`slack:T01:U02` joins `slack:T01`); later calls only refresh the display name.
     */
    async ensureUser(user: {
      userId: string;
      platform: string;
      displayName?: string | undefined;
    }): Promise<UserAccountRow> {
      const teamId = teamOf(user.userId);
      const [row] = await db
        .insert(userAccounts)
        .values({
          userId: user.userId,
          platform: user.platform,
          teamId,
          displayName: user.displayName ?? null,
        })
        .onConflictDoUpdate({
          target: userAccounts.userId,
          set: { displayName: sql`coalesce(excluded.display_name, ${userAccounts.displayName})` },
        })
        .returning({ ...getTableColumns(userAccounts), inserted: sql<boolean>`(xmax = 0)` });
      if (!row) throw new Error(`could not upsert user ${user.userId}`);
      const { inserted, ...account } = row;
      if (inserted && teamId)
        await db.insert(teams).values({ teamId, platform: user.platform }).onConflictDoNothing();
      return account;
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
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
