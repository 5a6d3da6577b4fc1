import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { JobRepository, SubscriptionRow } from '../db/index.js';
import { localDate } from '../trading/index.js';
import { buildDailySummary } from './daily-summary.js';
import type { SummaryPoster } from './posters.js';
import { dailyRunKey, latestSlot, previousSlot } from './schedule.js';
import { loadSummaryInput, type SummaryLoaderDeps } from './summary-input.js';

export const DAILY_SUMMARY_JOB = 'daily-summary';
const DAY_MS = 86_400_000;

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
  /** How often a failed run (poster down) is retried on later ticks. */
  maxAttempts?: number;
}

export interface RunOutcome {
  subscriptionId: string;
  runKey: string;
  slot: Date;
  status: 'done' | 'failed' | 'claimed-elsewhere';
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
      const posted = await deps.poster.post(channel, buildDailySummary(input));
      const result = {
        trades: input.trades.length,
        evaluations: input.evaluations.length,
        journal: input.journal.length,
        messageId: posted?.messageId ?? null,
        from: from.toISOString(),
      };
      await deps.jobs.finish(claimed.runId, { status: 'done', now: clock(), result });
      deps.logger?.info({ runKey, ...channel, ...result }, 'daily summary posted');
      return { ...base, status: 'done' };
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

  async function tick(): Promise<RunOutcome[]> {
    const now = clock();
    const subs = await deps.jobs.enabledSubscriptions();
    const due = subs.flatMap((sub) => {
      const slot = dueSlot(sub, now);
      return slot ? [{ sub, slot, key: dailyRunKey(sub.subscriptionId, slot, sub.timeZone) }] : [];
    });
    // Settled runs are skipped without a write; the claim itself stays the only arbiter.
    const settled = await deps.jobs.existingKeys(
      DAILY_SUMMARY_JOB,
      due.map((d) => d.key),
      ['done', 'running'],
    );
    const outcomes: RunOutcome[] = [];
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
