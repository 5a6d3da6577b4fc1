import { readFileSync } from 'node:fs';
import { inject } from 'vitest';

/** Starting databases built once per run by global-setup.ts: PGlite dump files, Postgres templates. */
export interface DatabaseImages {
  pgliteEmpty?: string;
  pgliteDemo?: string;
  postgresEmpty?: string;
  postgresDemo?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseImages: DatabaseImages;
  }
}

const loaded = new Map<string, Blob>();

/** The PGlite image (read once per test file), or undefined when the run did not build it. */
export function pgliteImage(kind: 'empty' | 'demo'): Blob | undefined {
  const path = inject('databaseImages')[kind === 'empty' ? 'pgliteEmpty' : 'pgliteDemo'];
  if (!path) return undefined;
  let image = loaded.get(path);
  if (!image) {
    image = new Blob([readFileSync(path)]);
    loaded.set(path, image);
  }
  return image;
}

/** The Postgres template database's name, or undefined when the run did not build it. */
export function postgresTemplate(kind: 'empty' | 'demo'): string | undefined {
  return inject('databaseImages')[kind === 'empty' ? 'postgresEmpty' : 'postgresDemo'];
}
