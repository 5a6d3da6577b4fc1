import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  assertValidContentType,
  assertValidKey,
  joinUrl,
  ObjectStoreError,
  type ObjectStore,
} from './object-store.js';

export interface LocalObjectStoreOptions {
  /** Root folder; created on first write. */
  dir: string;
  /** When a web server serves `dir`, URLs become `publicBaseUrl/key`; otherwise file:// URLs. */
  publicBaseUrl?: string;
}

/** The default store: files under `dir`, one file per key. */
export function createLocalObjectStore(options: LocalObjectStoreOptions): ObjectStore {
  const root = resolve(options.dir);

  function pathOf(key: string): string {
    assertValidKey(key);
    const path = resolve(root, key);
    // Key validation already forbids escaping; this guards the guard.
    if (!path.startsWith(root + sep)) {
      throw new ObjectStoreError(
        'object-key-invalid',
        `Invalid object key ${JSON.stringify(key)}: resolves outside the store`,
      );
    }
    return path;
  }

  return {
    async put(key, bytes, contentType) {
      const path = pathOf(key);
      assertValidContentType(contentType);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const temp = `${path}.${randomUUID()}.tmp`;
      try {
        await writeFile(temp, bytes);
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw new ObjectStoreError(
          'object-store-failed',
          `Could not write object ${JSON.stringify(key)}`,
          error,
        );
      }
      return {
        key,
        url:
          options.publicBaseUrl === undefined
            ? pathToFileURL(path).href
            : joinUrl(options.publicBaseUrl, key),
      };
    },

    async get(key) {
      const path = pathOf(key);
      try {
        return await readFile(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
        throw new ObjectStoreError(
          'object-store-failed',
          `Could not read object ${JSON.stringify(key)}`,
          error,
        );
      }
    },

    async delete(key) {
      const path = pathOf(key);
      try {
        await rm(path, { force: true });
      } catch (error) {
        throw new ObjectStoreError(
          'object-store-failed',
          `Could not delete object ${JSON.stringify(key)}`,
          error,
        );
      }
    },
  };
}
