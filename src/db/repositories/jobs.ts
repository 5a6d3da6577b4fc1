import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { jobRuns, summarySubscriptions, tradeEvaluationItems, tradeEvaluations } from '../schema/index.js';

export type SubscriptionRow = typeof summarySubscriptions.$inferSelect;
export type JobRunRow = typeof jobRuns.$inferSelect;
export type DayEvaluation = typeof tradeEvaluations.$inferSelect & {
  items: (typeof tradeEvaluationItems.$inferSelect)[];
};

export interface ChannelRef {
  platform: string;
  workspace: string;
  channel: string;
}

export function createJobRepository(db: Db) {
  const channelIs = (ref: ChannelRef) =>
    and(
      eq(summarySubscriptions.platform, ref.platform),
      eq(summarySubscriptions.workspace, ref.workspace),
      eq(summarySubscriptions.channel, ref.channel),
    );

  return {
    /** Subscribes a channel (or changes its time); runs scheduled before `now` are not caught up. */
    async subscribe(
      input: ChannelRef & { localTime: string; timeZone: string; createdBy: string | null; now: Date },
    ): Promise<SubscriptionRow> {
      const { now, ...values } = input;
      const [row] = await db
        .insert(summarySubscriptions)
        .values({ ...values, enabled: true, activeSince: now })
        .onConflictDoUpdate({
          target: [
            summarySubscriptions.platform,
            summarySubscriptions.workspace,
            summarySubscriptions.channel,
          ],
          set: {
            localTime: values.localTime,
            timeZone: values.timeZone,
            createdBy: values.createdBy,
            enabled: true,
            activeSince: now,
            updatedAt: now,
          },
        })
        .returning();
      if (!row) throw new Error('subscription upsert returned nothing');
      return row;
    },

    /** Turns a channel's summary off. False when it had none enabled. */
    async unsubscribe(ref: ChannelRef, now: Date): Promise<boolean> {
      const rows = await db
        .update(summarySubscriptions)
        .set({ enabled: false, updatedAt: now })
        .where(and(channelIs(ref), eq(summarySubscriptions.enabled, true)))
        .returning({ id: summarySubscriptions.subscriptionId });
      return rows.length > 0;
    },

    async getSubscription(ref: ChannelRef): Promise<SubscriptionRow | undefined> {
      const [row] = await db.select().from(summarySubscriptions).where(channelIs(ref));
      return row;
    },

    async enabledSubscriptions(): Promise<SubscriptionRow[]> {
      return db
        .select()
        .from(summarySubscriptions)
        .where(eq(summarySubscriptions.enabled, true))
        .orderBy(asc(summarySubscriptions.createdAt));
    },

    /**
     * Claims one run of a job. The insert is the lock: of any number of processes racing for
     * the same (job, key), exactly one gets the row back. A failed run may be claimed again
     * (conditional update, also atomic) until `maxAttempts`.
     */
    async claim(input: {
      job: string;
      runKey: string;
      scheduledFor: Date;
      runBy: string;
      now: Date;
      maxAttempts?: number;
      /** A run still `running` after this long lost its process: it may be claimed again. */
      staleAfterMs?: number;
    }): Promise<JobRunRow | undefined> {
      const [inserted] = await db
        .insert(jobRuns)
        .values({
          job: input.job,
          runKey: input.runKey,
          scheduledFor: input.scheduledFor,
          runBy: input.runBy,
          startedAt: input.now,
        })
        .onConflictDoNothing({ target: [jobRuns.job, jobRuns.runKey] })
        .returning();
      if (inserted) return inserted;
      const [retried] = await db
        .update(jobRuns)
        .set({
          status: 'running',
          runBy: input.runBy,
          attempts: sql`${jobRuns.attempts} + 1`,
          startedAt: input.now,
          finishedAt: null,
          error: null,
        })
        .where(
          and(
            eq(jobRuns.job, input.job),
            eq(jobRuns.runKey, input.runKey),
            input.staleAfterMs === undefined
              ? eq(jobRuns.status, 'failed')
              : or(
                  eq(jobRuns.status, 'failed'),
                  and(
                    eq(jobRuns.status, 'running'),
                    lt(jobRuns.startedAt, new Date(input.now.getTime() - input.staleAfterMs)),
                  ),
                ),
            lt(jobRuns.attempts, input.maxAttempts ?? 3),
          ),
        )
        .returning();
      return retried;
    },

    async finish(
      runId: string,
      outcome: { status: 'done' | 'failed'; now: Date; result?: Record<string, unknown>; error?: string },
    ): Promise<void> {
      await db
        .update(jobRuns)
        .set({
          status: outcome.status,
          finishedAt: outcome.now,
          result: outcome.result ?? null,
          error: outcome.error ?? null,
        })
        .where(eq(jobRuns.runId, runId));
    },

    /**
     * Closes a run whose product must still be delivered: the output is stored first and held
     * by this process (a delivery lease) while it posts; a crash before the post leaves it for
     * `claimUndelivered`.
     */
    async storeOutput(
      runId: string,
      input: { now: Date; leaseMs: number; output: Record<string, unknown>; result: Record<string, unknown> },
    ): Promise<void> {
      await db
        .update(jobRuns)
        .set({
          status: 'done',
          finishedAt: input.now,
          result: input.result,
          output: input.output,
          error: null,
          deliveredAt: null,
          deliveryAttempts: 1,
          deliveryLeaseUntil: new Date(input.now.getTime() + input.leaseMs),
        })
        .where(eq(jobRuns.runId, runId));
    },

    /** Takes over done runs of a job whose output was never delivered and whose delivery lease ran out. */
    async claimUndelivered(
      job: string,
      input: { now: Date; leaseMs: number; maxAttempts: number; limit: number },
    ): Promise<JobRunRow[]> {
      const due = db
        .select({ runId: jobRuns.runId })
        .from(jobRuns)
        .where(
          and(
            eq(jobRuns.job, job),
            eq(jobRuns.status, 'done'),
            isNotNull(jobRuns.output),
            isNull(jobRuns.deliveredAt),
            lt(jobRuns.deliveryAttempts, input.maxAttempts),
            or(isNull(jobRuns.deliveryLeaseUntil), lt(jobRuns.deliveryLeaseUntil, input.now)),
          ),
        )
        .orderBy(asc(jobRuns.scheduledFor))
        .limit(input.limit)
        .for('update', { skipLocked: true });
      return db
        .update(jobRuns)
        .set({
          deliveryAttempts: sql`${jobRuns.deliveryAttempts} + 1`,
          deliveryLeaseUntil: new Date(input.now.getTime() + input.leaseMs),
        })
        .where(
          and(
            inArray(jobRuns.runId, due),
            isNull(jobRuns.deliveredAt),
            or(isNull(jobRuns.deliveryLeaseUntil), lt(jobRuns.deliveryLeaseUntil, input.now)),
          ),
        )
        .returning();
    },

    /** Records a delivery: `messageId` joins the result; a failure frees the run for the next try. */
    async recordDelivery(
      runId: string,
      outcome: { now: Date; delivered: true; messageId: string | null } | { delivered: false; error: string },
    ): Promise<void> {
      await db
        .update(jobRuns)
        .set(
          outcome.delivered
            ? {
                deliveredAt: outcome.now,
                deliveryLeaseUntil: null,
                error: null,
                result: sql`coalesce(${jobRuns.result}, '{}'::jsonb) || ${JSON.stringify({ messageId: outcome.messageId })}::jsonb`,
              }
            : { deliveryLeaseUntil: null, error: outcome.error.slice(0, 1_000) },
        )
        .where(eq(jobRuns.runId, runId));
    },

    /** Which of these keys of a job have a run row in one of `statuses`. */
    async existingKeys(
      job: string,
      keys: string[],
      statuses: JobRunRow['status'][] = ['running', 'done', 'failed'],
    ): Promise<Set<string>> {
      if (keys.length === 0) return new Set();
      const rows = await db
        .select({ key: jobRuns.runKey })
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job), inArray(jobRuns.runKey, keys), inArray(jobRuns.status, statuses)));
      return new Set(rows.map((r) => r.key));
    },

    async runsOf(job: string): Promise<JobRunRow[]> {
      return db
        .select()
        .from(jobRuns)
        .where(eq(jobRuns.job, job))
        .orderBy(asc(jobRuns.scheduledFor), asc(jobRuns.runKey));
    },

    /** Evaluations run by users whose id starts with `userPrefix` in (from, to], with their items. */
    async evaluationsBetween(userPrefix: string, from: Date, to: Date): Promise<DayEvaluation[]> {
      const evaluations = await db
        .select()
        .from(tradeEvaluations)
        .where(
          and(
            sql`starts_with(${tradeEvaluations.userId}, ${userPrefix})`,
            gt(tradeEvaluations.createdAt, from),
            lte(tradeEvaluations.createdAt, to),
          ),
        )
        .orderBy(desc(tradeEvaluations.createdAt))
        .limit(500);
      const ids = evaluations.map((e) => e.evalId);
      const items =
        ids.length === 0
          ? []
          : await db
              .select()
              .from(tradeEvaluationItems)
              .where(inArray(tradeEvaluationItems.evalId, ids))
              .orderBy(asc(tradeEvaluationItems.rank));
      return evaluations.map((e) => ({ ...e, items: items.filter((i) => i.evalId === e.evalId) }));
    },
  };
}

export type JobRepository = ReturnType<typeof createJobRepository>;
