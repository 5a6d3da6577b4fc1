import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/index.js';

/**
 * The database back ends every persistence test runs against: in-memory PGlite always, and
 * the real Postgres server when TEST_DATABASE_URL is set (.ci/run sets it). Each open() gives
 * a fresh, migrated database; close() drops it.
 */
export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

const serverUrl = process.env.TEST_DATABASE_URL;

async function openThrowawayPostgres(url: string): Promise<Database> {
  const name = `tb_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export const BACKENDS: Backend[] = [
  { name: 'pglite', open: () => openDatabase({ kind: 'pglite' }) },
  ...(serverUrl ? [{ name: 'postgres' as const, open: () => openThrowawayPostgres(serverUrl) }] : []),
];

if (!serverUrl) {
  console.info('TEST_DATABASE_URL is not set: Postgres-server tests are skipped (PGlite tests still run).');
}

export const POSTGRES_URL = serverUrl;
