import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { adminQuery } from './admin-query.js';
import type { TestProject } from 'vitest/node';
import type { DatabaseImages } from './database-images.js';

/**
 * Everything a starting database is made of: the schema and migrations, the repositories that
 * write it, the demo bars and fundamentals and their generators, the knowledge documents and the
 * indexer that splits and embeds them, the app's first start, the builder itself and the locked
 * dependency versions (PGlite's dump format, the S&P CSV). A change to any of these rebuilds the
 * images; a change anywhere else (evaluators, flows, surfaces, tests) reuses them.
 */
const IMAGE_INPUTS = [
  'src/db',
  'src/market',
  'src/rag',
  'src/app.ts',
  'src/config.ts',
  'knowledge',
  'package-lock.json',
  'test/helpers/app.ts',
  'test/helpers/build-database-images.ts',
  'test/helpers/global-setup.ts',
];
const CACHE = join('node_modules', '.cache', 'trading-buddy', 'test-images');

/**
 * Builds each starting database once instead of once per test (build-database-images.ts):
 * migrating and loading the demo data and knowledge base costs seconds; copying an image or a
 * template database costs a fraction of one. The PGlite images are kept on disk under a hash of
 * their inputs, so a second run with the same inputs skips the build; the Postgres templates are
 * built per run and dropped when it ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wanted = new Set((process.env.TEST_BACKENDS ?? 'pglite,postgres').split(',').map((s) => s.trim()));
  const serverUrl = wanted.has('postgres') ? process.env.TEST_DATABASE_URL : undefined;
  if (!process.env.TEST_DATABASE_URL && wanted.has('postgres'))
    console.info('TEST_DATABASE_URL is not set: Postgres-server tests are skipped (PGlite tests still run).');
  const cached = join(CACHE, inputsHash());
  const pgliteCached = existsSync(join(cached, 'demo.tar'));
  const buildPglite = wanted.has('pglite') && !pgliteCached;
  const images: DatabaseImages = {};
  if (buildPglite || serverUrl) {
    const building = `${cached}.${process.pid}`;
    mkdirSync(building, { recursive: true });
    const script = join(import.meta.dirname, 'build-database-images.ts');
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const args = [script, building, buildPglite ? 'pglite' : 'no-pglite', ...(serverUrl ? [serverUrl] : [])];
    const { stdout } = await promisify(execFile)(tsx, args, { maxBuffer: 1 << 20 });
    Object.assign(images, JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as DatabaseImages);
    if (buildPglite) keep(building, cached);
    else rmSync(building, { recursive: true, force: true });
  }
  if (wanted.has('pglite')) {
    images.pgliteEmpty = join(cached, 'empty.tar');
    images.pgliteDemo = join(cached, 'demo.tar');
  }
  project.provide('databaseImages', images);

  return async () => {
    if (!serverUrl) return;
    for (const name of [images.postgresEmpty, images.postgresDemo]) {
      if (!name) continue;
      await adminQuery(serverUrl, `alter database ${name} is_template false`);
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    }
  };
}

/** A hash of every file under IMAGE_INPUTS, by path and content. */
function inputsHash(): string {
  const hash = createHash('sha256');
  const files = IMAGE_INPUTS.flatMap((input) =>
    statSync(input).isDirectory()
      ? readdirSync(input, { recursive: true, encoding: 'utf8' }).map((f) => join(input, f))
      : [input],
  )
    .filter((f) => statSync(f).isFile())
    .sort();
  for (const file of files)
    hash
      .update(`${relative('.', file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * Moves a finished build into the cache in one rename (a run that stops half-way leaves no
 * half-written image behind) and drops the images of older inputs. When another run got there
 * first, its images are kept: same inputs, same images.
 */
function keep(building: string, cached: string): void {
  try {
    renameSync(building, cached);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  for (const other of readdirSync(CACHE)) {
    const path = join(CACHE, other);
    if (path !== cached && !other.includes('.')) rmSync(path, { recursive: true, force: true });
  }
}
