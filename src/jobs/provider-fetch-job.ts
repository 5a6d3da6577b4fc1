import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { JobRepository } from '../db/index.js';
import type { FinnhubSyncReport } from '../market/providers/index.js';

export const FINNHUB_JOB = 'finnhub-fetch';
// A process that holds a fetch longer than this is taken to be dead.
const LEASE_MS = 15 * 60_000;

export interface ProviderFetchJobDeps {
  jobs: Pick<JobRepository, 'claim' | 'finish'>;
  /** One fetch of news and fundamentals for the watched symbols. */
  run(now: Date): Promise<FinnhubSyncReport>;
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

/**
 * Fetches news and fundamentals once per slot across every process on the database: each tick
 * claims the slot's (job, key) row in `job_runs` and only the claimant fetches. A slot where
 * every symbol failed (the provider down or rate-limiting after its retries) is marked failed and
 * claimed again by a later tick, at most three times; partial failures are recorded as done.
 */
export function scheduleProviderFetch(deps: ProviderFetchJobDeps): {
  tick(): Promise<FinnhubSyncReport | undefined>;
  /** Ticks every minute (at :30 s) in this process until stop(). */
  start(): void;
  stop(): void;
} {
  const clock = deps.clock ?? (() => new Date());
  const runBy = deps.instanceId ?? `${hostname()}:${process.pid}`;
  let cron: Cron | undefined;

  async function tick(): Promise<FinnhubSyncReport | undefined> {
    const now = clock();
    const slot = fetchSlot(now, deps.everyMinutes);
    const run = await deps.jobs.claim({
      job: FINNHUB_JOB,
      runKey: slot.toISOString(),
      scheduledFor: slot,
      runBy,
      now,
      staleAfterMs: LEASE_MS,
    });
    if (!run) return undefined;
    try {
      const report = await deps.run(now);
      const result = {
        symbols: report.symbols.length,
        newsAdded: report.newsAdded,
        newsDuplicates: report.newsDuplicates,
        fundamentalsUpdated: report.fundamentalsUpdated.length,
        failed: report.failed.slice(0, 20),
      };
      const failedSymbols = new Set(report.failed.map((f) => f.symbol));
      const outage = report.symbols.length > 0 && failedSymbols.size === report.symbols.length;
      await deps.jobs.finish(run.runId, {
        status: outage ? 'failed' : 'done',
        now: clock(),
        result,
        ...(outage ? { error: report.failed[0]?.error ?? 'every symbol failed' } : {}),
      });
      deps.logger?.info({ slot: slot.toISOString(), ...result }, 'provider fetch done');
      return report;
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown error';
      await deps.jobs.finish(run.runId, { status: 'failed', now: clock(), error: message.slice(0, 1_000) });
      deps.logger?.error({ slot: slot.toISOString(), error: message }, 'provider fetch failed');
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
