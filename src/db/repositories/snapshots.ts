import { and, desc, eq, lte } from 'drizzle-orm';
import type { Db } from '../client.js';
import { keyLevels, regimeSnapshots } from '../schema/index.js';

export type KeyLevelsRow = typeof keyLevels.$inferSelect;
export type NewKeyLevelsRow = Omit<typeof keyLevels.$inferInsert, 'computedAt'>;
export type RegimeSnapshotRow = typeof regimeSnapshots.$inferSelect;
export type NewRegimeSnapshotRow = Omit<typeof regimeSnapshots.$inferInsert, 'computedAt'>;

/** Which snapshot: one symbol/timeframe, one version of the computation. */
export interface SnapshotKey {
  symbol: string;
  timeframe: string;
  version: number;
}

/**
 * Key-level and regime snapshots. Writing the same (symbol, timeframe, ts, version) twice
 * replaces the row, so a job that is retried or runs twice leaves one row, not two.
 */
export function createSnapshotRepository(db: Db) {
  const levelsWhere = (key: SnapshotKey) => [
    eq(keyLevels.symbol, key.symbol),
    eq(keyLevels.timeframe, key.timeframe),
    eq(keyLevels.version, key.version),
  ];
  const regimeWhere = (key: SnapshotKey) => [
    eq(regimeSnapshots.symbol, key.symbol),
    eq(regimeSnapshots.timeframe, key.timeframe),
    eq(regimeSnapshots.version, key.version),
  ];

  return {
    async saveKeyLevels(row: NewKeyLevelsRow): Promise<KeyLevelsRow> {
      const { symbol, timeframe, ts, version, ...values } = row;
      const [saved] = await db
        .insert(keyLevels)
        .values(row)
        .onConflictDoUpdate({
          target: [keyLevels.symbol, keyLevels.timeframe, keyLevels.ts, keyLevels.version],
          set: { ...values, computedAt: new Date() },
        })
        .returning();
      if (!saved)
        throw new Error(
          `key_levels upsert for ${symbol} ${timeframe} ${ts.toISOString()} v${version} returned nothing`,
        );
      return saved;
    },

    async saveRegime(row: NewRegimeSnapshotRow): Promise<RegimeSnapshotRow> {
      const { symbol, timeframe, ts, version, ...values } = row;
      const [saved] = await db
        .insert(regimeSnapshots)
        .values(row)
        .onConflictDoUpdate({
          target: [
            regimeSnapshots.symbol,
            regimeSnapshots.timeframe,
            regimeSnapshots.ts,
            regimeSnapshots.version,
          ],
          set: { ...values, computedAt: new Date() },
        })
        .returning();
      if (!saved)
        throw new Error(
          `regime_snapshots upsert for ${symbol} ${timeframe} ${ts.toISOString()} v${version} returned nothing`,
        );
      return saved;
    },

    /** The snapshot at exactly `ts`, or the latest at or before it with `atOrBefore`. */
    async keyLevelsAt(
      key: SnapshotKey,
      ts: number,
      options: { atOrBefore?: boolean } = {},
    ): Promise<KeyLevelsRow | undefined> {
      const at = options.atOrBefore ? lte(keyLevels.ts, new Date(ts)) : eq(keyLevels.ts, new Date(ts));
      const [row] = await db
        .select()
        .from(keyLevels)
        .where(and(...levelsWhere(key), at))
        .orderBy(desc(keyLevels.ts))
        .limit(1);
      return row;
    },

    async regimeAt(
      key: SnapshotKey,
      ts: number,
      options: { atOrBefore?: boolean } = {},
    ): Promise<RegimeSnapshotRow | undefined> {
      const at = options.atOrBefore
        ? lte(regimeSnapshots.ts, new Date(ts))
        : eq(regimeSnapshots.ts, new Date(ts));
      const [row] = await db
        .select()
        .from(regimeSnapshots)
        .where(and(...regimeWhere(key), at))
        .orderBy(desc(regimeSnapshots.ts))
        .limit(1);
      return row;
    },
  };
}

export type SnapshotRepository = ReturnType<typeof createSnapshotRepository>;
