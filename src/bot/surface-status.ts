import pRetry from 'p-retry';
import type { Logger } from 'pino';

/**
 * Each chat surface connects on its own, in the background: one platform that cannot be reached
 * never holds up the HTTP API or the other surfaces. While it fails it is retried with capped
 * exponential backoff, and its state is what GET /api/health reports.
 */
export type SurfaceState = 'connecting' | 'up' | 'down';

export interface SurfaceStatus {
  state: SurfaceState;
  /** Connection attempts so far, the one in flight included. */
  attempts: number;
  /** Why the last attempt failed: the error's message, never a token. */
  lastError?: string;
  /** When the surface entered its current state (ISO 8601). */
  since: string;
}

/** What the HTTP health route reads: each configured surface by name. */
export interface SurfaceStatusProvider {
  surfaces(): Record<string, SurfaceStatus>;
}

export interface Backoff {
  /** Wait after the first failure (default 1 s); doubles per failure up to `maxMs`. */
  initialMs: number;
  /** Cap on the wait between attempts (default 60 s). */
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000 };

export interface SupervisedSurface {
  name: string;
  status(): SurfaceStatus;
  /** Starts connecting in the background; resolves when the surface is up or stopped. */
  start(): Promise<void>;
  stop(): void;
}

export function superviseSurface(options: {
  name: string;
  connect: () => Promise<void>;
  logger: Logger;
  backoff?: Backoff;
  /** Strings to blank out of an error message before it is logged or reported. */
  secrets?: readonly string[];
}): SupervisedSurface {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const abort = new AbortController();
  let status: SurfaceStatus = { state: 'connecting', attempts: 0, since: new Date().toISOString() };
  const move = (state: SurfaceState, patch: Partial<SurfaceStatus> = {}) => {
    status = {
      ...status,
      ...patch,
      state,
      since: state === status.state ? status.since : new Date().toISOString(),
    };
  };
  const redact = (error: unknown) => {
    let text = error instanceof Error ? error.message : String(error);
    for (const secret of options.secrets ?? []) if (secret) text = text.split(secret).join('[redacted]');
    return text.slice(0, 500);
  };
  return {
    name: options.name,
    status: () => ({ ...status }),
    async start() {
      await pRetry(
        async () => {
          move('connecting', { attempts: status.attempts + 1 });
          // p-retry gives up on a TypeError; every failure here is worth another attempt.
          await options.connect().catch((error: unknown) => {
            throw new Error(redact(error), { cause: error });
          });
        },
        {
          retries: Number.POSITIVE_INFINITY,
          factor: 2,
          minTimeout: backoff.initialMs,
          maxTimeout: backoff.maxMs,
          signal: abort.signal,
          unref: true,
          shouldRetry: () => !abort.signal.aborted,
          onFailedAttempt: ({ error, attemptNumber }) => {
            const lastError = error.message;
            move('down', { lastError });
            options.logger.warn(
              { surface: options.name, attempt: attemptNumber, error: lastError },
              `${options.name} unreachable; retrying in the background`,
            );
          },
        },
      ).then(
        () => {
          move('up');
          options.logger.info({ surface: options.name, attempts: status.attempts }, `${options.name} up`);
        },
        () => undefined,
      );
    },
    stop() {
      abort.abort();
    },
  };
}

/** The provider over a set of supervised surfaces. */
export function surfaceStatusProvider(surfaces: readonly SupervisedSurface[]): SurfaceStatusProvider {
  return { surfaces: () => Object.fromEntries(surfaces.map((s) => [s.name, s.status()])) };
}
