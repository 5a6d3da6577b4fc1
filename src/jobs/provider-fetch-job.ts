import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { JobRepository } from '../db/index.js';
import type { FinnhubSyncReport } from '../market/providers/index.js';

export const FINNHUB_JOB = 'finnhub-fetch';
// A process that holds a fetch longer than this is taken to be dead.
const LEASE_MS = 15 * 60_000;

export const ALPACA_SYNC_JOB = 'alpaca-sync';

export interface ProviderFetchJobDeps<R> {
  /** The job's name in `job_runs`. */
  job: string;
  jobs: Pick<JobRepository, 'claim' | 'finish'>;
  /** One fetch from the provider. */
  run(now: Date): Promise<R>;
  /** What is recorded of a report; `outage` marks the run failed so a later tick tries again. */
  outcome(report: R): { result: Record<string, unknown>; outage?: string | undefined };
  everyMinutes: number;
  clock?: () => Date;
  instanceId?: string;
  logger?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** The start of the fetch slot `now` falls in: slots of `everyMinutes` from midnight UTC. */
export function fetchSlot(now: Date, everyMinutes: number): Date {
  const size = everyMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / size) * size);
}

/** Finnhub's outcome: a slot where every symbol failed (provider down, still rate-limiting) is an outage. */
export function finnhubOutcome(report: FinnhubSyncReport): {
  result: Record<string, unknown>;
  outage?: string;
} {
  const failedSymbols = new Set(report.failed.map((f) => f.symbol));
  const outage = report.symbols.length > 0 && failedSymbols.size === report.symbols.length;
  return {
    result: {
      symbols: report.symbols.length,
      newsAdded: report.newsAdded,
      newsDuplicates: report.newsDuplicates,
      fundamentalsUpdated: report.fundamentalsUpdated.length,
      failed: report.failed.slice(0, 20),
    },
    ...(outage ? { outage: report.failed[0]?.error ?? 'every symbol failed' } : {}),
  };
}

/**
 * Fetches from a provider once per slot across every process on the database: each tick claims
 * the slot's (job, key) row in `job_runs` and only the claimant fetches. A run that throws or
 * whose outcome is an outage is marked failed and claimed again by a later tick, at most three
 * times (the provider's own retries having backed off first); partial failures are recorded as done.
 */
export function scheduleProviderFetch<R>(deps: ProviderFetchJobDeps<R>): {
  tick(): Promise<R | undefined>;
  /** Ticks every minute (at :30 s) in this process until stop(). */
  start(): void;
  stop(): void;
} {
  const clock = deps.clock ?? (() => new Date());
  const runBy = deps.instanceId ?? `${hostname()}:${process.pid}`;
  let cron: Cron | undefined;

  async function tick(): Promise<R | undefined> {
    const now = clock();
    const slot = fetchSlot(now, deps.everyMinutes);
    const run = await deps.jobs.claim({
      job: deps.job,
      runKey: slot.toISOString(),
      scheduledFor: slot,
      runBy,
      now,
      staleAfterMs: LEASE_MS,
    });
    if (!run) return undefined;
    try {
      const report = await deps.run(now);
      const { result, outage } = deps.outcome(report);
      await deps.jobs.finish(run.runId, {
        status: outage ? 'failed' : 'done',
        now: clock(),
        result,
        ...(outage ? { error: outage.slice(0, 1_000) } : {}),
      });
      deps.logger?.info({ job: deps.job, slot: slot.toISOString(), ...result }, 'provider fetch done');
      return report;
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown error';
      await deps.jobs.finish(run.runId, { status: 'failed', now: clock(), error: message.slice(0, 1_000) });
      deps.logger?.error(
        { job: deps.job, slot: slot.toISOString(), error: message },
        'provider fetch failed',
      );
      return undefined;
    }
  }

  return {
    tick,
    start() {
      cron ??= new Cron(
        '30 * * * * *',
        { protect: true, catch: (error) => deps.logger?.error({ err: error }, 'provider fetch tick failed') },
        async () => {
          await tick();
        },
      );
    },
    stop() {
      cron?.stop();
      cron = undefined;
    },
  };
}
