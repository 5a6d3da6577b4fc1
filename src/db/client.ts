import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { createPgPool } from './pg-pool.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The one database type the rest of the code sees, whichever back end is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * `image` starts an in-memory PGlite from a data-directory dump (PGlite's dumpDataDir), e.g. a
 * migrated database with the demo data, instead of building it again.
 */
export type DatabaseTarget =
  | { kind: 'pglite'; dir?: string; image?: Blob }
  | { kind: 'postgres'; url: string };

export interface Database {
  db: Db;
  kind: DatabaseTarget['kind'];
  close(): Promise<void>;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
// Serialises start-up migrations when several processes share one Postgres server.
const MIGRATION_LOCK_KEY = 727_311;

/** Opens the database and applies the committed migrations. `dir` absent = in-memory PGlite. */
export async function openDatabase(
  target: DatabaseTarget,
  options: { onConnectionError?: (error: Error) => void } = {},
): Promise<Database> {
  if (target.kind === 'pglite') {
    if (target.dir) mkdirSync(target.dir, { recursive: true });
    // An image seeds a new data directory; an existing one is opened as it is.
    const seed = target.image && !(target.dir && existsSync(join(target.dir, 'PG_VERSION')));
    const options = seed ? { loadDataDir: target.image } : {};
    const client = target.dir ? new PGlite(target.dir, options) : new PGlite(options);
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS });
    return { db: db as unknown as Db, kind: 'pglite', close: () => client.close() };
  }
  await migrateWithLock(target.url);
  const pool = createPgPool(target.url, (error) => options.onConnectionError?.(error));
  const db = drizzlePg({ client: pool, schema });
  return { db: db as unknown as Db, kind: 'postgres', close: () => pool.end() };
}

async function migrateWithLock(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  // A connection lost mid-migration fails the migration below, not the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg({ client }), { migrationsFolder: MIGRATIONS });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
