import { z } from 'zod';
import type { JobRepository, JobRunRow } from '../db/index.js';
import type { Reply } from '../reply/index.js';
import type { ChannelRef, SummaryPoster } from './posters.js';

/** What a summary run stores before posting: where it goes and the rendered post. */
export interface SummaryOutput {
  channel: ChannelRef;
  reply: Reply;
}

const OutputSchema = z.object({
  channel: z.object({ platform: z.string(), workspace: z.string(), channel: z.string() }),
  reply: z.object({ title: z.string() }).loose(),
});

export interface SummaryDeliveryDeps {
  jobs: JobRepository;
  poster: SummaryPoster;
  clock: () => Date;
  logger?: { error(obj: object, msg: string): void } | undefined;
}

/** Posts a stored summary and records the outcome. True when it went out. */
export async function deliverStored(
  deps: SummaryDeliveryDeps,
  runId: string,
  output: SummaryOutput,
): Promise<boolean> {
  try {
    const posted = await deps.poster.post(output.channel, output.reply);
    await deps.jobs.recordDelivery(runId, {
      delivered: true,
      now: deps.clock(),
      messageId: posted?.messageId ?? null,
    });
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await deps.jobs.recordDelivery(runId, { delivered: false, error: message });
    deps.logger?.error({ err: error, runId, ...output.channel }, 'daily summary not delivered');
    return false;
  }
}

/**
 * At-least-once delivery: re-posts summaries that were stored but never confirmed posted (the
 * poster failed, or the process died between storing and posting). A run whose output cannot be
 * read is left alone and logged.
 */
export async function redeliverSummaries(
  deps: SummaryDeliveryDeps,
  job: string,
  options: { leaseMs: number; maxAttempts: number; limit?: number },
): Promise<{ run: JobRunRow; delivered: boolean }[]> {
  const runs = await deps.jobs.claimUndelivered(job, {
    now: deps.clock(),
    leaseMs: options.leaseMs,
    maxAttempts: options.maxAttempts,
    limit: options.limit ?? 50,
  });
  const outcomes: { run: JobRunRow; delivered: boolean }[] = [];
  for (const run of runs) {
    const output = OutputSchema.safeParse(run.output);
    if (!output.success) {
      deps.logger?.error({ runId: run.runId }, 'stored daily summary is unreadable');
      continue;
    }
    const delivered = await deliverStored(deps, run.runId, output.data as unknown as SummaryOutput);
    outcomes.push({ run, delivered });
  }
  return outcomes;
}
