import { Cron } from 'croner';
import type { ReviewJobOutcome } from '../review/index.js';

const DAY_MS = 86_400_000;

export interface ReviewSweeperDeps {
  review: { sweep(options: { since: Date; limit?: number }): Promise<ReviewJobOutcome[]> };
  /** Injectable so tests move time instead of waiting for it. */
  clock?: () => Date;
  logger?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Closed trades older than this are reviewed on demand only (default 7 days). */
  lookbackDays?: number;
  /** Trades per tick, so a big fills import is reviewed over several ticks (default 50). */
  batch?: number;
}

export interface ReviewSweeper {
  tick(): Promise<ReviewJobOutcome[]>;
  start(): Promise<ReviewJobOutcome[]>;
  stop(): void;
}

/**
 * The post-trade review job's safety net: every five minutes, reviews recently closed trades
 * that have none (closed by an import, or while a process was down). Each trade is claimed in
 * job_runs, so with several processes sweeping each review is still generated once.
 */
export function createReviewSweeper(deps: ReviewSweeperDeps): ReviewSweeper {
  const clock = deps.clock ?? (() => new Date());
  let cron: Cron | undefined;

  async function tick(): Promise<ReviewJobOutcome[]> {
    const since = new Date(clock().getTime() - (deps.lookbackDays ?? 7) * DAY_MS);
    const outcomes = await deps.review.sweep({ since, limit: deps.batch ?? 50 });
    const done = outcomes.filter((o) => o.status === 'done').length;
    if (done > 0) deps.logger?.info({ done, seen: outcomes.length }, 'post-trade reviews generated');
    return outcomes;
  }

  return {
    tick,
    async start() {
      const first = await tick();
      cron ??= new Cron(
        '0 */5 * * * *',
        { protect: true, catch: (error) => deps.logger?.error({ err: error }, 'review sweep failed') },
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
