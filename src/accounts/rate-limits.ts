import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimit {
  /** Counts one request of this user; the wait in ms when they are over the limit, else 0. */
  take(userId: string): Promise<number>;
  readonly perMinute: number;
}

/**
 * A per-user budget of requests per minute, kept in this process (rate-limiter-flexible's memory
 * limiter). With several processes on one Postgres each keeps its own count, so the effective
 * limit is the setting times the number of processes.
 */
export function createRateLimit(perMinute: number): RateLimit {
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    perMinute,
    async take(userId) {
      try {
        await limiter.consume(userId);
        return 0;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
        throw rejection;
      }
    },
  };
}
