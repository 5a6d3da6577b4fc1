import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { JobRepository, SubscriptionRow } from '../db/index.js';
import { localDate } from '../trading/index.js';
import { buildDailySummary } from './daily-summary.js';
import type { SummaryPoster } from './posters.js';
import { dailyRunKey, latestSlot, previousSlot } from './schedule.js';
import { deliverStored, redeliverSummaries } from './summary-delivery.js';
import { loadSummaryInput, type SummaryLoaderDeps } from './summary-input.js';

export const DAILY_SUMMARY_JOB = 'daily-summary';
const DAY_MS = 86_400_000;
// A process that holds a summary longer than this (building or posting it) is taken to be dead.
const LEASE_MS = 10 * 60_000;

export interface SchedulerLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SummarySchedulerDeps extends SummaryLoaderDeps {
  jobs: JobRepository;
  poster: SummaryPoster;
  /** Injectable so tests move time instead of waiting for it. */
  clock?: () => Date;
  instanceId?: string;
  logger?: SchedulerLogger;
  /** A slot older than this when first seen is not caught up (default 4 days: a long weekend). */
  maxCatchUpMs?: number;
  /** How often a run that failed to build is retried on later ticks. */
  maxAttempts?: number;
  /** How often a stored post is re-sent while its channel's platform refuses it (default 30 ticks). */
  maxDeliveries?: number;
}

export interface RunOutcome {
  subscriptionId: string;
  runKey: string;
  slot: Date;
  /** `undelivered`: built and stored once, the post failed; a later tick sends it (`redelivered`). */
  status: 'done' | 'failed' | 'claimed-elsewhere' | 'undelivered' | 'redelivered';
}

export interface SummaryScheduler {
  /** Runs every due, unclaimed summary once; what a cron tick and start-up both do. */
  tick(): Promise<RunOutcome[]>;
  /** Catches up a missed run once, then ticks at the top of every minute. */
  start(): Promise<RunOutcome[]>;
  stop(): void;
}

/**
 * The daily post-trade summary, scheduled in-process. Each tick looks at every enabled
 * subscription's latest weekday slot in its own time zone; the first process to insert the
 * (job, key) row in `job_runs` posts it, every other process (or later tick) sees the row and
 * skips. Restarts therefore catch a missed slot up once and never repeat one.
 */
export function createSummaryScheduler(deps: SummarySchedulerDeps): SummaryScheduler {
  const clock = deps.clock ?? (() => new Date());
  const instanceId = deps.instanceId ?? `${hostname()}:${process.pid}`;
  const maxCatchUpMs = deps.maxCatchUpMs ?? 4 * DAY_MS;
  let cron: Cron | undefined;

  function dueSlot(sub: SubscriptionRow, now: Date): Date | undefined {
    const slot = latestSlot(sub, now);
    if (!slot || slot < sub.activeSince || now.getTime() - slot.getTime() > maxCatchUpMs) return undefined;
    return slot;
  }

  async function runOne(sub: SubscriptionRow, slot: Date): Promise<RunOutcome> {
    const runKey = dailyRunKey(sub.subscriptionId, slot, sub.timeZone);
    const base = { subscriptionId: sub.subscriptionId, runKey, slot };
    const claimed = await deps.jobs.claim({
      job: DAILY_SUMMARY_JOB,
      runKey,
      scheduledFor: slot,
      runBy: instanceId,
      now: clock(),
      maxAttempts: deps.maxAttempts,
      staleAfterMs: LEASE_MS,
    });
    if (!claimed) return { ...base, status: 'claimed-elsewhere' };
    const channel = { platform: sub.platform, workspace: sub.workspace, channel: sub.channel };
    try {
      const from = previousSlot(sub, slot) ?? new Date(slot.getTime() - DAY_MS);
      const input = await loadSummaryInput(deps, channel, {
        from,
        to: slot,
        date: localDate(slot.getTime(), sub.timeZone),
        timeZone: sub.timeZone,
      });
      const result = {
        trades: input.trades.length,
        evaluations: input.evaluations.length,
        journal: input.journal.length,
        from: from.toISOString(),
      };
      // Stored before it is posted: a crash or a poster failure after this point loses no post.
      const output = { channel, reply: buildDailySummary(input) };
      await deps.jobs.storeOutput(claimed.runId, {
        now: clock(),
        leaseMs: LEASE_MS,
        output: { ...output },
        result,
      });
      const delivered = await deliverStored({ ...deps, clock }, claimed.runId, output);
      deps.logger?.info({ runKey, ...channel, ...result, delivered }, 'daily summary stored');
      return { ...base, status: delivered ? 'done' : 'undelivered' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.jobs.finish(claimed.runId, {
        status: 'failed',
        now: clock(),
        error: message.slice(0, 1_000),
      });
      deps.logger?.error({ err: error, runKey, ...channel }, 'daily summary failed');
      return { ...base, status: 'failed' };
    }
  }

  async function redeliver(): Promise<RunOutcome[]> {
    const outcomes = await redeliverSummaries({ ...deps, clock }, DAILY_SUMMARY_JOB, {
      leaseMs: LEASE_MS,
      maxAttempts: deps.maxDeliveries ?? 30,
    });
    return outcomes.map(({ run, delivered }) => ({
      subscriptionId: run.runKey.slice(0, run.runKey.lastIndexOf(':')),
      runKey: run.runKey,
      slot: run.scheduledFor,
      status: delivered ? 'redelivered' : 'undelivered',
    }));
  }

  async function tick(): Promise<RunOutcome[]> {
    const redelivered = await redeliver();
    const now = clock();
    const subs = await deps.jobs.enabledSubscriptions();
    const due = subs.flatMap((sub) => {
      const slot = dueSlot(sub, now);
      return slot ? [{ sub, slot, key: dailyRunKey(sub.subscriptionId, slot, sub.timeZone) }] : [];
    });
    // Settled runs are skipped without a write; the claim itself stays the only arbiter (a
    // running one is claimed again only when its process is long gone).
    const settled = await deps.jobs.existingKeys(
      DAILY_SUMMARY_JOB,
      due.map((d) => d.key),
      ['done'],
    );
    const outcomes: RunOutcome[] = [...redelivered];
    for (const d of due) if (!settled.has(d.key)) outcomes.push(await runOne(d.sub, d.slot));
    return outcomes;
  }

  return {
    tick,
    async start() {
      const first = await tick();
      cron ??= new Cron(
        '0 * * * * *',
        { protect: true, catch: (error) => deps.logger?.error({ err: error }, 'summary tick failed') },
        async () => {
          await tick();
        },
      );
      return first;
    },
    stop() {
      cron?.stop();
      cron = undefined;
    },
  };
}
