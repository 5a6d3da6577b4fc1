import { pino } from 'pino';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/index.js';

/** The real app (demo data loaded) on a given database, with a silent logger. */
export async function buildTestApp(database: Database, env: Record<string, string> = {}): Promise<App> {
  const config = loadConfig({ DATA_DIR: '/tmp/trading-buddy-test', LOG_LEVEL: 'silent', ...env });
  return buildApp(config, pino({ level: 'silent' }), { database });
}
