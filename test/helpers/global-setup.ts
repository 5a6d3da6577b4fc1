import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import type { DatabaseImages } from './database-images.js';

/**
 * Builds each starting database once per run instead of once per test (build-database-images.ts):
 * migrating and loading the demo data and knowledge base costs seconds; copying an image or a
 * template database costs a fraction of one. Dropped again when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wanted = new Set((process.env.TEST_BACKENDS ?? 'pglite,postgres').split(',').map((s) => s.trim()));
  const serverUrl = wanted.has('postgres') ? process.env.TEST_DATABASE_URL : undefined;
  if (!process.env.TEST_DATABASE_URL && wanted.has('postgres'))
    console.info('TEST_DATABASE_URL is not set: Postgres-server tests are skipped (PGlite tests still run).');
  const dir = mkdtempSync(join(tmpdir(), 'trading-buddy-test-images-'));
  const script = join(import.meta.dirname, 'build-database-images.ts');
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const { stdout } = await promisify(execFile)(tsx, [script, dir, ...(serverUrl ? [serverUrl] : [])], {
    maxBuffer: 1 << 20,
  });
  const images = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as DatabaseImages;
  if (!wanted.has('pglite')) {
    delete images.pgliteEmpty;
    delete images.pgliteDemo;
  }
  project.provide('databaseImages', images);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!serverUrl) return;
    for (const name of [images.postgresEmpty, images.postgresDemo]) {
      if (!name) continue;
      await adminQuery(serverUrl, `alter database ${name} is_template false`);
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    }
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
