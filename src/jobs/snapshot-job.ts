import { Cron } from 'croner';
import { hostname } from 'node:os';
import type { JobRepository, MarketRepository } from '../db/index.js';
import { barCloseTs, pickBase, type SnapshotService } from '../market/snapshots/index.js';
import { HIGHER_TIMEFRAME, isTimeframe, type Timeframe } from '../market/types.js';

export const SNAPSHOT_JOB = 'market-snapshots';

export interface SnapshotJobDeps {
  market: MarketRepository;
  snapshots: SnapshotService;
  logger?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface SnapshotJobOptions {
  /** Bars that have not closed by `now` are left out: a snapshot describes closed bars only. */
  now: Date | number;
  /** Only these symbols (default: every ticker). */
  symbols?: readonly string[];
}

export interface SnapshotJobReport {
  checked: number;
  computed: { symbol: string; timeframe: Timeframe; ts: string }[];
  /** Already stored for the latest closed bar. */
  fresh: number;
  failed: { symbol: string; timeframe: Timeframe; error: string }[];
  durationMs: number;
}

/**
 * The timeframes a symbol gets snapshots for: each stored one and the two above it, i.e. every
 * primary frame a ContextPack can be built on without resampling from below what is stored.
 */
export function snapshotTimeframes(stored: readonly Timeframe[]): Timeframe[] {
  const out = new Set<Timeframe>();
  for (const tf of stored) {
    out.add(tf);
    for (let up = HIGHER_TIMEFRAME[tf], n = 0; up && n < 2; up = HIGHER_TIMEFRAME[up], n++) out.add(up);
  }
  return [...out];
}

/** The open time of the last stored bar of `base` that has closed by `now`. */
async function lastClosedTs(
  market: MarketRepository,
  symbol: string,
  base: Timeframe,
  now: number,
): Promise<number | undefined> {
  const recent = await market.loadBars(symbol, base, { until: now, limit: 2 });
  return recent.reverse().find((bar) => barCloseTs(bar.ts, base) <= now)?.ts;
}

/**
 * Computes the key-level and regime snapshot of every symbol/timeframe whose latest closed bar
 * has none yet (or only one of an older version). Idempotent: a second run with the same `now`
 * finds nothing stale and writes nothing; two processes running it at once write the same rows.
 */
export async function runSnapshotJob(
  deps: SnapshotJobDeps,
  options: SnapshotJobOptions,
): Promise<SnapshotJobReport> {
  const started = performance.now();
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  const symbols = options.symbols ?? (await deps.market.listTickers()).map((t) => t.symbol);
  const report: SnapshotJobReport = { checked: 0, computed: [], fresh: 0, failed: [], durationMs: 0 };
  for (const symbol of symbols) {
    const stored = (await deps.market.timeframesOf(symbol)).filter(isTimeframe);
    for (const timeframe of snapshotTimeframes(stored)) {
      report.checked++;
      try {
        // The stored timeframe this one is built from decides which bars have closed.
        const base = pickBase(stored, timeframe);
        const until = base === undefined ? undefined : await lastClosedTs(deps.market, symbol, base, now);
        if (until === undefined) continue;
        const status = await deps.snapshots.status(symbol, timeframe, { until });
        if (!status.stale) {
          report.fresh++;
          continue;
        }
        const snapshot = await deps.snapshots.get(symbol, timeframe, { asOf: until });
        report.computed.push({ symbol, timeframe, ts: new Date(snapshot.ts).toISOString() });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report.failed.push({ symbol, timeframe, error: message.slice(0, 500) });
        deps.logger?.error({ err: error, symbol, timeframe }, 'snapshot failed');
      }
    }
  }
  report.durationMs = Math.round(performance.now() - started);
  deps.logger?.info(
    {
      job: SNAPSHOT_JOB,
      checked: report.checked,
      computed: report.computed.length,
      fresh: report.fresh,
      failed: report.failed.length,
      ms: report.durationMs,
    },
    'snapshot job done',
  );
  return report;
}

/**
 * Runs the job on a cron pattern in this process (default: five past every hour, UTC, so daily
 * and hourly closes are caught within the hour). `protect` skips a tick while one still runs.
 * With several processes each runs it; the writes are idempotent, so that costs work, not
 * correctness. The shared scheduler can call runSnapshotJob under its exactly-once lock instead.
 */
/**
 * Runs the job on a cron tick. With `jobs`, each tick's hour is claimed in `job_runs` first, so
 * with several processes on one database exactly one of them computes that hour's snapshots.
 */
export function scheduleSnapshotJob(
  deps: SnapshotJobDeps,
  options: {
    pattern?: string;
    timezone?: string;
    clock?: () => Date;
    jobs?: Pick<JobRepository, 'claim' | 'finish'>;
    instanceId?: string;
  } = {},
): { stop(): void; tick(): Promise<SnapshotJobReport | undefined> } {
  const clock = options.clock ?? (() => new Date());
  const runBy = options.instanceId ?? `${hostname()}:${process.pid}`;
  async function tick(): Promise<SnapshotJobReport | undefined> {
    const now = clock();
    const run = options.jobs
      ? await options.jobs.claim({
          job: SNAPSHOT_JOB,
          runKey: now.toISOString().slice(0, 13),
          scheduledFor: now,
          runBy,
          now,
        })
      : undefined;
    if (options.jobs && !run) return undefined;
    try {
      const report = await runSnapshotJob(deps, { now });
      if (run)
        await options.jobs?.finish(run.runId, {
          status: 'done',
          now: clock(),
          result: { checked: report.checked, computed: report.computed.length, failed: report.failed.length },
        });
      return report;
    } catch (error) {
      if (run)
        await options.jobs?.finish(run.runId, {
          status: 'failed',
          now: clock(),
          error: error instanceof Error ? error.message : String(error),
        });
      throw error;
    }
  }
  const cron = new Cron(
    options.pattern ?? '5 * * * *',
    {
      protect: true,
      timezone: options.timezone ?? 'UTC',
      catch: (error) => deps.logger?.error({ err: error }, 'snapshot job tick failed'),
    },
    async () => {
      await tick();
    },
  );
  return { stop: () => cron.stop(), tick };
}
