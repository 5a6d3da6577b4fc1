/**
 * Runs tasks one at a time per key, at least `intervalMs` apart: Slack allows about one message
 * a second per channel. Written here because the WebClient's queue limits concurrency, not
 * spacing per channel, and Bottleneck/p-queue would add a dependency for twenty lines.
 */
export interface Pacer {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createPacer(
  intervalMs: number,
  clock: { now(): number; sleep(ms: number): Promise<void> } = systemClock,
): Pacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastAt = new Map<string, number>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(async () => {
        const wait = (lastAt.get(key) ?? Number.NEGATIVE_INFINITY) + intervalMs - clock.now();
        if (wait > 0) await clock.sleep(wait);
        try {
          return await task();
        } finally {
          lastAt.set(key, clock.now());
        }
      });
      // The chain continues after a failed task; only the caller sees the failure.
      const settled = next.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, settled);
      void settled.then(() => {
        if (tails.get(key) !== settled) return;
        tails.delete(key);
        // Forget the key once a whole interval has passed: the map stays as small as the active channels.
        setTimeout(() => {
          if (!tails.has(key)) lastAt.delete(key);
        }, intervalMs).unref();
      });
      return next;
    },
  };
}

const systemClock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};
