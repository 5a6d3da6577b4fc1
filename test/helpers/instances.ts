import type { App } from '../../src/app.js';
import type { Database } from '../../src/db/index.js';
import { buildTestApp } from './app.js';
import { type Backend, openPglite, POSTGRES_URL, throwawayPostgres } from './databases.js';

/**
 * Two app instances on one database, as two processes would be: on Postgres each has its own
 * pool (its own connections), on PGlite (one process only) they share the database.
 */
export async function twoInstances(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<{ a: App; b: App; database: Database; close(): Promise<void> }> {
  if (backend.name === 'postgres' && POSTGRES_URL) {
    const pg = await throwawayPostgres(POSTGRES_URL, 'tb_outbox', 2, { demo: true });
    const [dbA, dbB] = pg.databases as [Database, Database];
    const a = await buildTestApp(dbA, env);
    const b = await buildTestApp(dbB, env);
    return {
      a,
      b,
      database: dbA,
      async close() {
        await Promise.all([a.knowledge.close(), b.knowledge.close()]);
        await pg.drop();
      },
    };
  }
  const database = await openPglite({ demo: true });
  const a = await buildTestApp(database, env);
  const b = await buildTestApp(database, env);
  return {
    a,
    b,
    database,
    async close() {
      await b.knowledge.close();
      await a.close();
    },
  };
}
