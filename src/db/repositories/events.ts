import { and, asc, count, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../client.js';
import { marketEvents } from '../schema/index.js';

export type MarketEventRow = typeof marketEvents.$inferSelect;

/** An event as stored and read: a symbol's (earnings) or, with `symbol` null, everyone's (macro). */
export interface NewMarketEvent {
  symbol: string | null;
  /** YYYY-MM-DD. */
  date: string;
  kind: string;
  note?: string | null | undefined;
  isSynthetic?: boolean | undefined;
  importedFrom?: string | null | undefined;
}

export interface StoredMarketEvent {
  symbol: string | null;
  date: string;
  kind: string;
  note: string | null;
  isSynthetic: boolean;
}

const INSERT_CHUNK = 500;

/** The identity of an event: one per (symbol or *, date, kind). */
export const eventKeyOf = (e: Pick<NewMarketEvent, 'symbol' | 'date' | 'kind'>): string =>
  `${e.symbol ?? '*'}|${e.date}|${e.kind}`;

export function createEventRepository(db: Db) {
  return {
    /** Inserts events in one transaction; one already stored (same key) is kept. Returns how many were new. */
    async insertMany(events: readonly NewMarketEvent[]): Promise<number> {
      if (events.length === 0) return 0;
      const rows = events.map((e) => ({
        eventKey: eventKeyOf(e),
        symbol: e.symbol,
        eventDate: e.date,
        kind: e.kind,
        note: e.note ?? null,
        isSynthetic: e.isSynthetic ?? false,
        importedFrom: e.importedFrom ?? null,
      }));
      return db.transaction(async (tx) => {
        let added = 0;
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          const inserted = await tx
            .insert(marketEvents)
            .values(rows.slice(i, i + INSERT_CHUNK))
            .onConflictDoNothing({ target: marketEvents.eventKey })
            .returning({ id: marketEvents.eventId });
          added += inserted.length;
        }
        return added;
      });
    },

    /** The symbol's events and every macro event dated in (after, until], oldest first. */
    async between(symbol: string, after: string, until: string): Promise<StoredMarketEvent[]> {
      const rows = await db
        .select()
        .from(marketEvents)
        .where(
          and(
            or(eq(marketEvents.symbol, symbol), isNull(marketEvents.symbol)),
            gt(marketEvents.eventDate, after),
            lte(marketEvents.eventDate, until),
          ),
        )
        .orderBy(asc(marketEvents.eventDate), asc(marketEvents.kind));
      return rows.map((r) => ({
        symbol: r.symbol,
        date: r.eventDate,
        kind: r.kind,
        note: r.note,
        isSynthetic: r.isSynthetic,
      }));
    },

    async hasSynthetic(): Promise<boolean> {
      const [row] = await db
        .select({ id: marketEvents.eventId })
        .from(marketEvents)
        .where(eq(marketEvents.isSynthetic, true))
        .limit(1);
      return row !== undefined;
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(marketEvents);
      return row?.n ?? 0;
    },
  };
}

export type EventRepository = ReturnType<typeof createEventRepository>;
