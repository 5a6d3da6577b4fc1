import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const ROLES = ['member', 'lead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a member shows their team lead: nothing, the daily-summary level, or everything. */
export const SHARE_LEVELS = ['none', 'summary', 'all'] as const;
export type ShareLevel = (typeof SHARE_LEVELS)[number];

/**
 * One row per person per platform identity: `cli:local:alice`, `slack:T01:U02`, `discord:G1:42`.
 * `team_id` is the desk the identity came from; `role` what the person may see of others.
 */
export const userAccounts = pgTable(
  'user_accounts',
  {
    userId: text('user_id').primaryKey(),
    platform: text('platform').notNull(),
    teamId: text('team_id'),
    role: text('role').$type<Role>().notNull().default('member'),
    shareWithTeam: text('share_with_team').$type<ShareLevel>().notNull().default('summary'),
    displayName: text('display_name'),
    baseCurrency: text('base_currency').notNull().default('USD'),
    equitySnapshot: doublePrecision('equity_snapshot'),
    buyingPowerSnapshot: doublePrecision('buying_power_snapshot'),
    riskDefaults: jsonb('risk_defaults').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_user_accounts_team').on(t.teamId),
    check('ck_user_accounts_role', sql`${t.role} in ('member', 'lead', 'admin')`),
    check('ck_user_accounts_share', sql`${t.shareWithTeam} in ('none', 'summary', 'all')`),
  ],
);

/**
 * The trader's own settings (max risk per trade, minimum R:R, strictness, ...): one row per
 * version, never updated. The highest version is in force; evaluations record the one they used.
 * `rules` holds only the keys the trader set: the rest is inherited (team defaults, then start-up).
 */
export const userRules = pgTable(
  'user_rules',
  {
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    version: integer('version').notNull().default(1),
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    /** Who wrote this version: the trader, or an admin acting for them. */
    changedBy: text('changed_by').references((): AnyPgColumn => userAccounts.userId, {
      onDelete: 'set null',
    }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.version] })],
);
