import { adminQuery } from './admin-query.js';
import { type Database, openDatabase } from '../../src/db/index.js';
import { pgliteImage, postgresTemplate } from './database-images.js';

/**
 * The database back ends every persistence test runs against: in-memory PGlite always, and
 * the real Postgres server when TEST_DATABASE_URL is set (.ci/run sets it). Each open() gives
 * a fresh, migrated database and openDemo() one with the demo data loaded, both copied from
 * images built once per run (global-setup.ts); close() drops it.
 *
 * TEST_BACKENDS narrows the list (`pglite` for `npm run test:fast`, `postgres` for `npm run test:pg`).
 */
export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
  openDemo(): Promise<Database>;
}

const serverUrl = process.env.TEST_DATABASE_URL;
const wanted = new Set((process.env.TEST_BACKENDS ?? 'pglite,postgres').split(',').map((s) => s.trim()));

/**
 * A fresh PGlite, migrated (and with the demo data when `demo`), from the run's image: in memory,
 * or in `dir` (seeded when the directory is new, opened as it is when not).
 */
export function openPglite(options: { demo?: boolean; dir?: string } = {}): Promise<Database> {
  const image = pgliteImage(options.demo ? 'demo' : 'empty');
  return openDatabase({
    kind: 'pglite',
    ...(options.dir ? { dir: options.dir } : {}),
    ...(image ? { image } : {}),
  });
}

/**
 * A fresh database on the server, migrated (copied from the run's template when there is one),
 * opened `pools` times (two pools look like two processes to Postgres). drop() closes every pool
 * and drops the database.
 */
export async function throwawayPostgres(
  url: string,
  prefix = 'tb_test',
  pools = 1,
  options: { demo?: boolean } = {},
): Promise<{ databases: Database[]; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const template = postgresTemplate(options.demo ? 'demo' : 'empty');
  await adminQuery(url, `create database ${name}${template ? ` template ${template}` : ''}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const databases: Database[] = [];
  for (let i = 0; i < pools; i++)
    databases.push(await openDatabase({ kind: 'postgres', url: target.toString() }));
  return {
    databases,
    url: target.toString(),
    async drop() {
      for (const database of databases) await database.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}

async function openThrowawayPostgres(url: string, demo: boolean): Promise<Database> {
  const { databases, drop } = await throwawayPostgres(url, 'tb_test', 1, { demo });
  const database = databases[0] as Database;
  return { ...database, close: drop };
}

export const BACKENDS: Backend[] = [
  ...(wanted.has('pglite')
    ? [{ name: 'pglite' as const, open: () => openPglite(), openDemo: () => openPglite({ demo: true }) }]
    : []),
  ...(serverUrl && wanted.has('postgres')
    ? [
        {
          name: 'postgres' as const,
          open: () => openThrowawayPostgres(serverUrl, false),
          openDemo: () => openThrowawayPostgres(serverUrl, true),
        },
      ]
    : []),
];

export const POSTGRES_URL = wanted.has('postgres') ? serverUrl : undefined;
