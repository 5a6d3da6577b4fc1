import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Scheduled events that can gap a price: a company's earnings (with its symbol) and macro
 * releases (FOMC, CPI, NFP..., no symbol: they apply to every symbol). `event_key`
 * (symbol or *, date, kind) identifies an event, so importing the same calendar again adds
 * nothing. `is_synthetic` marks the generated demo calendar.
 */
export const marketEvents = pgTable(
  'market_events',
  {
    eventId: uuid('event_id').primaryKey().defaultRandom(),
    eventKey: text('event_key').notNull().unique('uq_market_events_key'),
    symbol: text('symbol'),
    eventDate: date('event_date', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    note: text('note'),
    isSynthetic: boolean('is_synthetic').notNull().default(false),
    importedFrom: text('imported_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_market_events_date').on(t.eventDate),
    index('idx_market_events_symbol_date').on(t.symbol, t.eventDate),
    check('ck_market_events_kind', sql`${t.kind} ~ '^[a-z][a-z0-9-]{0,23}$'`),
  ],
);
