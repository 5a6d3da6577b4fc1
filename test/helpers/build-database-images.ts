/**
 * Builds the starting databases for a test run (run by global-setup.ts in a child process, under
 * tsx, because the app's CommonJS dependencies load differently in vitest's global-setup runner):
 * a migrated PGlite and a PGlite as the app leaves it after its first start (demo bars and
 * fundamentals loaded, the knowledge base indexed), dumped into DIR (unless `no-pglite`: the run
 * has them from its cache already); and the same two as template databases on the Postgres server
 * when a URL is given. Prints the DatabaseImages as JSON.
 *
 *   tsx test/helpers/build-database-images.ts DIR pglite|no-pglite [POSTGRES_URL]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminQuery } from './admin-query.js';
import { type Database, openDatabase } from '../../src/db/index.js';
import { buildTestApp } from './app.js';
import type { DatabaseImages } from './database-images.js';

const [dir, pglite, serverUrl] = process.argv.slice(2);
if (!dir || (pglite !== 'pglite' && pglite !== 'no-pglite'))
  throw new Error('usage: build-database-images.ts DIR pglite|no-pglite [POSTGRES_URL]');

const empty = async () => undefined;
const withDemo = async (database: Database) => {
  // Not app.close(): that would close the database before it is dumped.
  const app = await buildTestApp(database);
  await app.knowledge.synced();
  await app.knowledge.close();
};

async function dumpPglite(name: string, fill: (database: Database) => Promise<void>): Promise<string> {
  const database = await openDatabase({ kind: 'pglite' });
  await fill(database);
  const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  const image = await client.dumpDataDir('none');
  await database.close();
  const path = join(dir as string, `${name}.tar`);
  writeFileSync(path, Buffer.from(await image.arrayBuffer()));
  return path;
}

async function postgresTemplate(
  url: string,
  name: string,
  fill: (database: Database) => Promise<void>,
): Promise<string> {
  const db = `tb_tpl_${name}_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(url, `create database ${db}`);
  const target = new URL(url);
  target.pathname = `/${db}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString() });
  await fill(database);
  await database.close();
  await adminQuery(url, `alter database ${db} is_template true`);
  return db;
}

const images: DatabaseImages = {};
await Promise.all([
  (async () => {
    if (pglite === 'no-pglite') return;
    images.pgliteEmpty = await dumpPglite('empty', empty);
    images.pgliteDemo = await dumpPglite('demo', withDemo);
  })(),
  (async () => {
    if (!serverUrl) return;
    images.postgresEmpty = await postgresTemplate(serverUrl, 'empty', empty);
    images.postgresDemo = await postgresTemplate(serverUrl, 'demo', withDemo);
  })(),
]);
process.stdout.write(`${JSON.stringify(images)}\n`);
