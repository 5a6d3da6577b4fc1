/**
 * Caps how many answers are being worked out at once. Evaluation work (and PGlite, which runs
 * in this thread) holds the event loop; with hundreds in flight, new requests would wait behind
 * them and miss Slack's 3 s acknowledgement. Queued work keeps its order.
 */
export interface WorkLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running or waiting. */
  size(): number;
}

export function createWorkLimiter(limit: number): WorkLimiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError('the work limit must be a whole number of at least 1');
  let active = 0;
  const waiting: (() => void)[] = [];
  // A finishing task hands its slot straight to the next waiter, so a newcomer cannot slip in between.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return {
    async run(task) {
      if (active < limit) active += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    size: () => active + waiting.length,
  };
}
