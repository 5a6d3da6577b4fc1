import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { userAccounts } from './people.js';

/** A desk: a Slack workspace (`slack:T01`), a Discord guild (`discord:G1`), or the local install. */
export const teams = pgTable('teams', {
  teamId: text('team_id').primaryKey(),
  platform: text('platform').notNull(),
  name: text('name'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A team's default settings, inherited by members until they set their own: one row per
 * version, like `user_rules`.
 */
export const teamRules = pgTable(
  'team_rules',
  {
    teamId: text('team_id')
      .notNull()
      .references(() => teams.teamId, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    rules: jsonb('rules').$type<Record<string, unknown>>().notNull(),
    changedBy: text('changed_by').references(() => userAccounts.userId, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.version] })],
);

/**
 * A personal API token. Only its SHA-256 is stored: the token itself is shown once, when it is
 * created. `prefix` (the first characters) names it in lists without revealing it.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    tokenId: uuid('token_id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('uq_api_tokens_hash').on(t.tokenHash), index('idx_api_tokens_user').on(t.userId)],
);

/** A signed-in browser: the cookie holds a random id, the table its SHA-256. */
export const webSessions = pgTable(
  'web_sessions',
  {
    sessionHash: text('session_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => userAccounts.userId, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('idx_web_sessions_user').on(t.userId)],
);
