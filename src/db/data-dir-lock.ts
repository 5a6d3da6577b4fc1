import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * PGlite is a single-process database: two processes on one data directory lose rows and corrupt
 * indexes. The directory is locked for the life of the process with proper-lockfile (an atomic
 * mkdir of `<dir>.lock` whose mtime the holder refreshes); who holds it is written beside it in
 * `<dir>.owner.json`, so the next process can name the holder.
 */
export interface DataDirLock {
  release(): Promise<void>;
}

export interface LockHolder {
  pid: number;
  role: string;
  since: string;
}

const FRESH_LOCK_MS = 1_000;

const HolderSchema = z.object({ pid: z.number().int().positive(), role: z.string(), since: z.string() });

export interface AcquireOptions {
  /** Who we are, shown to a process that finds the lock taken ("the running server"). */
  role: string;
  /** How long to wait for a held lock; 0 = fail at once. */
  waitMs: number;
  /** Called once when the lock is held by someone else and we start waiting. */
  onWait?: (holder: LockHolder | undefined) => void;
  /** Called if the lock is lost while held (its mtime could not be refreshed in time). */
  onCompromised?: (error: Error) => void;
  /** A holder whose mtime is older than this is stale even when its pid cannot be checked (default 20 s). */
  staleMs?: number;
  pollMs?: number;
}

export async function acquireDataDirLock(dir: string, options: AcquireOptions): Promise<DataDirLock> {
  mkdirSync(dir, { recursive: true });
  const ownerFile = `${dir}.owner.json`;
  const deadline = Date.now() + options.waitMs;
  let waiting = false;
  for (;;) {
    const holder = readHolder(ownerFile);
    // A holder killed with SIGKILL leaves the lock behind: a dead pid (or our own, after a
    // container restart reused it) is reclaimed at once instead of after the stale period. The
    // age check keeps a lock that another process has just taken (its owner file not yet
    // written, the dead pid still in it) from being removed.
    if (holder && !isAlive(holder.pid) && ageMs(`${dir}.lock`) > FRESH_LOCK_MS)
      rmSync(`${dir}.lock`, { recursive: true, force: true });
    try {
      const release = await lockfile.lock(dir, {
        stale: options.staleMs ?? 20_000,
        realpath: false,
        onCompromised: options.onCompromised ?? (() => undefined),
      });
      const mine: LockHolder = { pid: process.pid, role: options.role, since: new Date().toISOString() };
      writeFileSync(ownerFile, JSON.stringify(mine));
      return {
        async release() {
          if (readHolder(ownerFile)?.pid === process.pid) rmSync(ownerFile, { force: true });
          await release().catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ELOCKED') throw error;
      if (Date.now() >= deadline) throw lockedError(dir, readHolder(ownerFile), options.waitMs);
      if (!waiting) options.onWait?.(readHolder(ownerFile));
      waiting = true;
      await sleep(Math.min(options.pollMs ?? 200, Math.max(1, deadline - Date.now())));
    }
  }
}

/** "pid 123 (the running server)", or a plain description when the owner file is missing. */
export function describeHolder(holder: LockHolder | undefined): string {
  return holder ? `pid ${holder.pid} (${holder.role})` : 'another process';
}

function lockedError(dir: string, holder: LockHolder | undefined, waitedMs: number): AppError {
  const waited = waitedMs > 0 ? ` after waiting ${Math.round(waitedMs / 1000)} s` : '';
  const message =
    `The data directory ${dir} is in use by ${describeHolder(holder)}${waited}. ` +
    'PGlite allows one process at a time: stop that process first, or set DATABASE_URL to a ' +
    'Postgres server to run several processes.';
  return new AppError({
    code: 'data-dir-locked',
    category: 'user',
    message,
    details: { dir, ...(holder ? { holder } : {}) },
  });
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = HolderSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to another user.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

const NO_LOCK: DataDirLock = { release: async () => undefined };

/** The lock a process takes for its database: PGlite's directory; Postgres (DATABASE_URL) needs none. */
export function lockDatabaseDir(
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres' },
  options: AcquireOptions,
): Promise<DataDirLock> {
  return database.kind === 'pglite' ? acquireDataDirLock(database.dir, options) : Promise.resolve(NO_LOCK);
}
