import { Cron } from 'croner';
import type { SummaryPoster } from '../../jobs/index.js';
import type { BotServices } from '../services.js';
import type { Reply } from '../types.js';
import { finishClaimed, LOST_ANSWER } from './outbox.js';

export interface AnswerSweeperDeps {
  services: BotServices;
  /** Posters of the platforms that can take a message we start (Slack, Discord), by platform. */
  posters?: ReadonlyMap<string, SummaryPoster> | undefined;
  /** Injectable so tests move time past a lease instead of waiting for it. */
  clock?: () => Date;
  /** Jobs claimed per tick (default 20). */
  batch?: number;
  /** Pushes of one recovered answer before it is left for the trader to ask again (default 10). */
  maxDeliveries?: number;
}

export interface SweepReport {
  finished: number;
  failed: number;
  delivered: number;
  deliveryErrors: number;
  /** Evaluations whose agents never ran (their process died), marked as interrupted. */
  interrupted: number;
}

export interface AnswerSweeper {
  tick(): Promise<SweepReport>;
  start(): Promise<SweepReport>;
  stop(): void;
}

/**
 * Finishes answers whose process died: at start and every 30 seconds it claims pending jobs
 * whose lease ran out (skipping rows another sweeper holds), answers them again or stores the
 * explicit failure, and pushes what it finished to Slack or Discord. HTTP and terminal callers
 * get theirs when they retry the delivery.
 */
export function createAnswerSweeper(deps: AnswerSweeperDeps): AnswerSweeper {
  const { services } = deps;
  const clock = deps.clock ?? services.outbox.clock;
  const posters = deps.posters ?? new Map<string, SummaryPoster>();
  let cron: Cron | undefined;

  async function deliver(report: SweepReport): Promise<void> {
    if (posters.size === 0) return;
    const pending = await services.outbox.jobs.undelivered(
      [...posters.keys()],
      deps.batch ?? 20,
      deps.maxDeliveries ?? 10,
    );
    for (const { job, session, reply } of pending) {
      const poster = posters.get(session.platform);
      if (!poster || !reply.reply) continue;
      const channel = { platform: session.platform, workspace: session.workspace, channel: session.channel };
      try {
        await poster.post(channel, { ...(reply.reply as unknown as Reply), replayed: false });
        await services.outbox.jobs.recordDelivery(job.msgId, { delivered: true, now: clock() });
        report.delivered++;
      } catch (error) {
        await services.outbox.jobs.recordDelivery(job.msgId, { delivered: false, now: clock() });
        services.logger.error({ err: error, msgId: job.msgId, ...channel }, 'recovered answer not delivered');
        report.deliveryErrors++;
      }
    }
  }

  async function tick(): Promise<SweepReport> {
    const report: SweepReport = { finished: 0, failed: 0, delivered: 0, deliveryErrors: 0, interrupted: 0 };
    const claimed = await services.outbox.jobs.claimExpired(
      { owner: services.outbox.owner, now: clock(), leaseMs: services.outbox.leaseMs },
      deps.batch ?? 20,
    );
    for (const job of claimed) {
      const reply = await finishClaimed(services, job);
      if (reply?.title === LOST_ANSWER.title) report.failed++;
      else report.finished++;
    }
    await deliver(report);
    // An evaluation outlives no answer lease twice over: older and incomplete means its process died.
    const now = clock();
    report.interrupted = await services.evaluations.markInterrupted(
      new Date(now.getTime() - 2 * services.outbox.leaseMs),
      now,
    );
    // Housekeeping of the same kind: Idempotency-Keys past their 24 hours.
    await services.idempotency.purgeExpired(now);
    if (claimed.length > 0 || report.delivered > 0 || report.interrupted > 0)
      services.logger.info(report, 'interrupted answers finished');
    return report;
  }

  return {
    tick,
    async start() {
      const first = await tick();
      cron ??= new Cron(
        '*/30 * * * * *',
        { protect: true, catch: (error) => services.logger.error({ err: error }, 'answer sweep failed') },
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
