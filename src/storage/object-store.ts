import { AppError } from '../errors.js';

/** Where chart images and other blobs live. The `url` is what a `charts` row records. */
export interface ObjectStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<{ key: string; url: string }>;
  /** The stored bytes, or undefined when nothing is stored under `key`. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export type ObjectStoreErrorCode =
  | 'object-key-invalid'
  | 'object-content-type-invalid'
  | 'object-store-failed';

export class ObjectStoreError extends AppError {
  constructor(
    code: ObjectStoreErrorCode,
    message: string,
    cause?: unknown,
    details?: Record<string, unknown>,
  ) {
    super({
      code,
      category: code === 'object-store-failed' ? 'upstream' : 'internal',
      message,
      cause,
      details,
    });
    this.name = 'ObjectStoreError';
  }
}

const MAX_KEY_LENGTH = 1024;
// A deliberately small alphabet: safe as a file path on every OS and as an S3 key that needs
// no percent-encoding, so the signed path and the stored path can never disagree.
const KEY_PATTERN = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Throws ObjectStoreError('object-key-invalid') saying what is wrong with `key`. */
export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem !== undefined) {
    throw new ObjectStoreError(
      'object-key-invalid',
      `Invalid object key ${JSON.stringify(key)}: ${problem}`,
      undefined,
      {
        key,
      },
    );
  }
}

function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'it is empty';
  if (key.length > MAX_KEY_LENGTH) return `it is longer than ${MAX_KEY_LENGTH} characters`;
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) return 'absolute paths are not allowed';
  if (key.includes('\\')) return 'backslashes are not allowed';
  if (key.split('/').some((segment) => segment === '..')) return '".." segments are not allowed';
  if (key.split('/').some((segment) => segment === '.')) return '"." segments are not allowed';
  if (!KEY_PATTERN.test(key))
    return 'use letters, digits, ".", "_", "-" and single "/" between non-empty segments';
  return undefined;
}

export function assertValidContentType(contentType: string): void {
  if (!/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(contentType)) {
    throw new ObjectStoreError(
      'object-content-type-invalid',
      `Invalid content type ${JSON.stringify(contentType)}`,
    );
  }
}

/** `base` + `key` with exactly one slash between them. */
export function joinUrl(base: string, key: string): string {
  return `${base.replace(/\/+$/, '')}/${key}`;
}
