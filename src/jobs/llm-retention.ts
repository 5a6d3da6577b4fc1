import { Cron } from 'croner';

const DAY_MS = 86_400_000;

export interface LlmRetentionDeps {
  audit: { purgeRawLlmText(cutoff: Date, now: Date): Promise<number> };
  /** Days raw prompts and responses are kept; 0 keeps them forever (the job does nothing). */
  retentionDays: number;
  clock?: () => Date;
  logger?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface LlmRetentionJob {
  tick(): Promise<number>;
  start(): Promise<number>;
  stop(): void;
}

/**
 * Seed 003's retention of raw LLM text: once at start and hourly, prompts and raw responses older
 * than the setting are blanked. Idempotent, so several processes may run it side by side.
 */
export function createLlmRetentionJob(deps: LlmRetentionDeps): LlmRetentionJob {
  const clock = deps.clock ?? (() => new Date());
  let cron: Cron | undefined;
  async function tick(): Promise<number> {
    if (deps.retentionDays <= 0) return 0;
    const now = clock();
    const purged = await deps.audit.purgeRawLlmText(
      new Date(now.getTime() - deps.retentionDays * DAY_MS),
      now,
    );
    if (purged > 0)
      deps.logger?.info({ purged, retentionDays: deps.retentionDays }, 'raw LLM text past retention blanked');
    return purged;
  }
  return {
    tick,
    async start() {
      const first = await tick();
      cron ??= new Cron(
        '0 17 * * * *',
        { protect: true, catch: (error) => deps.logger?.error({ err: error }, 'LLM retention run failed') },
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
