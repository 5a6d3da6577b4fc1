export interface BudgetKey {
  userId?: string | undefined;
  requestId?: string | undefined;
}

export type BudgetDecision =
  | { ok: true }
  | { ok: false; reason: 'daily-tokens' | 'calls-per-request'; used: number; limit: number };

/**
 * Checked before every provider call and charged after it. Async so a database-backed
 * implementation (one row per user and UTC day) can replace the in-memory one.
 */
export interface TokenBudget {
  check(key: BudgetKey): Promise<BudgetDecision>;
  /** Counts one call against the request and `tokens` against the user's UTC day. */
  charge(key: BudgetKey, tokens: number): Promise<void>;
  usedToday(userId: string): Promise<number>;
}

export interface TokenBudgetOptions {
  perUserDailyTokens: number;
  maxCallsPerRequest: number;
  now?: () => number;
}

const DAY_MS = 86_400_000;

function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * In-memory budget keyed by user and UTC day. Without a userId only the per-request cap
 * applies; without a requestId only the daily cap does. State older than a day is dropped
 * on each charge, so memory stays bounded by one day of traffic.
 */
export function createTokenBudget(options: TokenBudgetOptions): TokenBudget {
  const now = options.now ?? Date.now;
  const tokensByUserDay = new Map<string, number>();
  const callsByRequest = new Map<string, { calls: number; day: number }>();

  const userKey = (userId: string, day: number) => `${day}:${userId}`;

  function prune(today: number): void {
    for (const key of tokensByUserDay.keys()) {
      if (Number(key.slice(0, key.indexOf(':'))) < today) tokensByUserDay.delete(key);
    }
    for (const [key, entry] of callsByRequest) {
      if (entry.day < today - 1) callsByRequest.delete(key);
    }
  }

  return {
    async check(key) {
      const today = utcDay(now());
      if (key.requestId !== undefined) {
        const calls = callsByRequest.get(key.requestId)?.calls ?? 0;
        if (calls >= options.maxCallsPerRequest) {
          return { ok: false, reason: 'calls-per-request', used: calls, limit: options.maxCallsPerRequest };
        }
      }
      if (key.userId !== undefined) {
        const used = tokensByUserDay.get(userKey(key.userId, today)) ?? 0;
        if (used >= options.perUserDailyTokens) {
          return { ok: false, reason: 'daily-tokens', used, limit: options.perUserDailyTokens };
        }
      }
      return { ok: true };
    },
    async charge(key, tokens) {
      const today = utcDay(now());
      prune(today);
      if (key.requestId !== undefined) {
        const entry = callsByRequest.get(key.requestId);
        callsByRequest.set(key.requestId, { calls: (entry?.calls ?? 0) + 1, day: today });
      }
      if (key.userId !== undefined) {
        const k = userKey(key.userId, today);
        tokensByUserDay.set(k, (tokensByUserDay.get(k) ?? 0) + Math.max(0, tokens));
      }
    },
    async usedToday(userId) {
      return tokensByUserDay.get(userKey(userId, utcDay(now()))) ?? 0;
    },
  };
}
