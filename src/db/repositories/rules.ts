import { and, desc, eq, lte, max } from 'drizzle-orm';
import type { Db } from '../client.js';
import { teamRules, teams, userAccounts, userRules } from '../schema/index.js';

/** One stored version of a trader's or a team's settings (only the keys they set). */
export interface RulesVersion {
  version: number;
  rules: Record<string, unknown>;
  changedBy: string | null;
  updatedAt: Date;
}

const UNIQUE_VIOLATION = '23505';
const ATTEMPTS = 3;

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  return false;
}

/**
 * Versioned settings: every change appends a row with the next version, older rows stay as the
 * history. Two writers racing for the same version: the loser retries on the next number.
 */
export function createRulesRepository(db: Db) {
  async function append<T>(write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (attempt >= ATTEMPTS || !isUniqueViolation(error)) throw error;
      }
    }
  }

  return {
    async userRules(userId: string): Promise<RulesVersion | undefined> {
      const [row] = await db
        .select()
        .from(userRules)
        .where(eq(userRules.userId, userId))
        .orderBy(desc(userRules.version))
        .limit(1);
      return row;
    },

    async userHistory(userId: string, limit = 20): Promise<RulesVersion[]> {
      return db
        .select()
        .from(userRules)
        .where(eq(userRules.userId, userId))
        .orderBy(desc(userRules.version))
        .limit(limit);
    },

    async userVersion(userId: string, version: number): Promise<RulesVersion | undefined> {
      const [row] = await db
        .select()
        .from(userRules)
        .where(and(eq(userRules.userId, userId), eq(userRules.version, version)));
      return row;
    },

    /**
     * Stores a new version of the trader's settings and copies equity and base currency onto
     * `user_accounts` (seed 004's columns) in the same transaction. Returns the new version.
     */
    async appendUserRules(
      userId: string,
      rules: Record<string, unknown>,
      changedBy: string,
      account: { equity: number | null; baseCurrency: string },
    ): Promise<number> {
      return append(() =>
        db.transaction(async (tx) => {
          const [top] = await tx
            .select({ version: max(userRules.version) })
            .from(userRules)
            .where(eq(userRules.userId, userId));
          const version = (top?.version ?? 0) + 1;
          await tx.insert(userRules).values({ userId, version, rules, changedBy });
          await tx
            .update(userAccounts)
            .set({
              equitySnapshot: account.equity,
              baseCurrency: account.baseCurrency,
              updatedAt: new Date(),
            })
            .where(eq(userAccounts.userId, userId));
          return version;
        }),
      );
    },

    /** The trader's version in force at a time: the latest stored at or before it. */
    async userRulesAt(userId: string, at: Date): Promise<RulesVersion | undefined> {
      const [row] = await db
        .select()
        .from(userRules)
        .where(and(eq(userRules.userId, userId), lte(userRules.updatedAt, at)))
        .orderBy(desc(userRules.version))
        .limit(1);
      return row;
    },

    async teamVersion(teamId: string, version: number): Promise<RulesVersion | undefined> {
      const [row] = await db
        .select()
        .from(teamRules)
        .where(and(eq(teamRules.teamId, teamId), eq(teamRules.version, version)));
      return row;
    },

    async teamRulesAt(teamId: string, at: Date): Promise<RulesVersion | undefined> {
      const [row] = await db
        .select()
        .from(teamRules)
        .where(and(eq(teamRules.teamId, teamId), lte(teamRules.updatedAt, at)))
        .orderBy(desc(teamRules.version))
        .limit(1);
      return row;
    },

    async teamExists(teamId: string): Promise<boolean> {
      const [row] = await db.select({ teamId: teams.teamId }).from(teams).where(eq(teams.teamId, teamId));
      return row !== undefined;
    },

    async teamRules(teamId: string): Promise<RulesVersion | undefined> {
      const [row] = await db
        .select()
        .from(teamRules)
        .where(eq(teamRules.teamId, teamId))
        .orderBy(desc(teamRules.version))
        .limit(1);
      return row;
    },

    async appendTeamRules(
      teamId: string,
      rules: Record<string, unknown>,
      changedBy: string,
    ): Promise<number> {
      return append(() =>
        db.transaction(async (tx) => {
          const [top] = await tx
            .select({ version: max(teamRules.version) })
            .from(teamRules)
            .where(eq(teamRules.teamId, teamId));
          const version = (top?.version ?? 0) + 1;
          await tx.insert(teamRules).values({ teamId, version, rules, changedBy });
          return version;
        }),
      );
    },
  };
}

export type RulesRepository = ReturnType<typeof createRulesRepository>;
