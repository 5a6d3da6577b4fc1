import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/index.js';

/**
 * The database back ends every persistence test runs against: in-memory PGlite always, and
 * the real Postgres server when TEST_DATABASE_URL is set (.ci/run sets it). Each open() gives
 * a fresh, migrated database; close() drops it.
 *
 * TEST_BACKENDS narrows the list (`pglite` for the fast loop, `postgres` for `npm run test:pg`).
 */
export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

const serverUrl = process.env.TEST_DATABASE_URL;
const wanted = new Set((process.env.TEST_BACKENDS ?? 'pglite,postgres').split(',').map((s) => s.trim()));

/** Runs one statement on the server's maintenance connection (create or drop a database). */
async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  // A dropped admin connection fails the statement below; it must not end the test process.
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A fresh database on the server, migrated, opened `pools` times (two pools look like two
 * processes to Postgres). drop() closes every pool and drops the database.
 */
export async function throwawayPostgres(
  url: string,
  prefix = 'tb_test',
  pools = 1,
): Promise<{ databases: Database[]; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(url, `create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const databases: Database[] = [];
  for (let i = 0; i < pools; i++)
    databases.push(await openDatabase({ kind: 'postgres', url: target.toString() }));
  return {
    databases,
    async drop() {
      for (const database of databases) await database.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}

async function openThrowawayPostgres(url: string): Promise<Database> {
  const { databases, drop } = await throwawayPostgres(url);
  const database = databases[0] as Database;
  return { ...database, close: drop };
}

export const BACKENDS: Backend[] = [
  ...(wanted.has('pglite')
    ? [{ name: 'pglite' as const, open: () => openDatabase({ kind: 'pglite' }) }]
    : []),
  ...(serverUrl && wanted.has('postgres')
    ? [{ name: 'postgres' as const, open: () => openThrowawayPostgres(serverUrl) }]
    : []),
];

if (!serverUrl) {
  console.info('TEST_DATABASE_URL is not set: Postgres-server tests are skipped (PGlite tests still run).');
}

export const POSTGRES_URL = wanted.has('postgres') ? serverUrl : undefined;
