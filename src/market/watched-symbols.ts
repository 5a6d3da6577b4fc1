import type { WatchedSymbolsRepository } from '../db/index.js';

const DAY_MS = 86_400_000;
export const IDEA_LOOKBACK_DAYS = 14;

/**
 * The symbols worth fetching news and fundamentals for: those with an open trade and those of
 * ideas written in the last `ideaDays` days, sorted, each once. There are no watchlists yet;
 * when they come they join here.
 */
export function createWatchedSymbols(
  repo: WatchedSymbolsRepository,
  options: { ideaDays?: number; now?: () => number } = {},
): () => Promise<string[]> {
  const now = options.now ?? Date.now;
  return async () => {
    const since = new Date(now() - (options.ideaDays ?? IDEA_LOOKBACK_DAYS) * DAY_MS);
    const [open, ideas] = await Promise.all([repo.openTradeSymbols(), repo.ideaSymbolsSince(since)]);
    return [...new Set([...open, ...ideas].map((s) => s.toUpperCase()))].sort();
  };
}
