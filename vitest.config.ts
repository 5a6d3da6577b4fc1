import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const backends = process.env.TEST_BACKENDS ?? 'pglite,postgres';

/** `npm run test:pg` runs only the files that test against the database back ends. */
function databaseTestFiles(): string[] {
  return readdirSync('test', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join('test', f))
    .filter((f) => /\b(BACKENDS|POSTGRES_URL)\b/.test(readFileSync(f, 'utf8')));
}

export default defineConfig({
  test: {
    include: backends === 'postgres' ? databaseTestFiles() : ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default leaves one core idle; on a 2-core machine that halves the suite's speed.
    maxWorkers: Math.max(2, availableParallelism()),
    // Migrated and demo-data databases built once per run, copied by every test that needs one.
    globalSetup: ['test/helpers/global-setup.ts'],
    reporters: ['default', './test/helpers/slowest-reporter.ts'],
  },
});
