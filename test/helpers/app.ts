import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { createHttpServer } from '../../src/bot/http/index.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/index.js';

/** The real app (demo data loaded) on a given database, with a silent logger. */
export async function buildTestApp(
  database: Database,
  env: Record<string, string> = {},
  options: { now?: () => Date } = {},
): Promise<App> {
  // Tests send bursts far beyond a person's pace; the rate-limit tests set their own budget.
  // Charts are drawn in-process (CHART_WORKERS=0, a supported setting): a worker thread under
  // tsx costs each test file ~3 s to start. The pool has its own tests (worker-pool.test.ts).
  const config = loadConfig({
    DATA_DIR: '/tmp/trading-buddy-test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    CHART_WORKERS: '0',
    ...env,
  });
  return buildApp(config, pino({ level: 'silent' }), { database, ...options });
}

/** The app's real HTTP server on 127.0.0.1 at a free port, and its base URL. */
export async function startTestServer(
  app: App,
): Promise<{ server: ReturnType<typeof createHttpServer>; base: string }> {
  const server = createHttpServer({
    conversation: app.conversation,
    services: app.services,
    logger: app.services.logger,
    databaseKind: app.database.kind,
  });
  await server.listen({ host: '127.0.0.1', port: 0 });
  return { server, base: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}` };
}
