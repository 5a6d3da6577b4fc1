import { doublePrecision, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per person per platform identity: `cli:local:alice`, `slack:T01:U02`, `discord:G1:42`. */
export const userAccounts = pgTable('user_accounts', {
  userId: text('user_id').primaryKey(),
  platform: text('platform').notNull(),
  displayName: text('display_name'),
  baseCurrency: text('base_currency').notNull().default('USD'),
  equitySnapshot: doublePrecision('equity_snapshot'),
  buyingPowerSnapshot: doublePrecision('buying_power_snapshot'),
  riskDefaults: jsonb('risk_defaults').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The trader's own limits (max risk per trade, minimum R:R, ...), versioned on every change. */
export const userRules = pgTable('user_rules', {
  userId: text('user_id')
    .primaryKey()
    .references(() => userAccounts.userId, { onDelete: 'cascade' }),
  rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
