import type { FundamentalsRepository, NewNewsItem } from '../../db/index.js';
import { newsRows } from '../news/index.js';
import type { FinnhubClient } from './finnhub-client.js';
import { FINNHUB_SOURCE, finnhubFundamentals, finnhubNews } from './finnhub-map.js';

const DAY_MS = 86_400_000;

export interface FinnhubSyncDeps {
  client: FinnhubClient;
  insertNews(items: readonly NewNewsItem[]): Promise<number>;
  fundamentals: Pick<FundamentalsRepository, 'update'>;
  /** Every ticker we hold bars for: headlines naming them are tagged with them too. */
  knownSymbols(): Promise<readonly string[]>;
}

export interface FinnhubSyncReport {
  symbols: string[];
  newsRead: number;
  newsAdded: number;
  /** Headlines already stored (same URL). */
  newsDuplicates: number;
  newsSkipped: number;
  fundamentalsUpdated: string[];
  /** Per symbol and part, what failed; the other symbols and parts still ran. */
  failed: { symbol: string; part: 'news' | 'fundamentals'; error: string }[];
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Fetches the last `lookbackDays` of company news and the current fundamentals of each symbol
 * from Finnhub, scores and stores the new headlines (deduplicated by URL, as an import is) and
 * writes the fundamentals onto the symbols we have bars for. A symbol that fails is reported
 * and the rest go on; each symbol's headlines are stored in one transaction.
 */
export async function syncFinnhub(
  deps: FinnhubSyncDeps,
  options: { symbols: readonly string[]; now: number; lookbackDays?: number },
): Promise<FinnhubSyncReport> {
  const known = await deps.knownSymbols();
  const knownSet = new Set(known);
  const report: FinnhubSyncReport = {
    symbols: [...options.symbols],
    newsRead: 0,
    newsAdded: 0,
    newsDuplicates: 0,
    newsSkipped: 0,
    fundamentalsUpdated: [],
    failed: [],
  };
  const from = isoDate(options.now - (options.lookbackDays ?? 3) * DAY_MS);
  const to = isoDate(options.now);
  const reason = (error: unknown) => (error instanceof Error ? error.message : 'unknown error');
  for (const symbol of options.symbols) {
    try {
      const { items, skipped } = finnhubNews(await deps.client.companyNews(symbol, from, to), symbol);
      const rows = newsRows(items, `${FINNHUB_SOURCE}:company-news`, known, [symbol]);
      const added = await deps.insertNews(rows);
      report.newsRead += items.length;
      report.newsAdded += added;
      report.newsDuplicates += items.length - added;
      report.newsSkipped += skipped.length;
    } catch (error) {
      report.failed.push({ symbol, part: 'news', error: reason(error) });
    }
    // Fundamentals live on `tickers`: a symbol without bars has nowhere to keep them.
    if (!knownSet.has(symbol)) continue;
    try {
      const [profile, metric] = await Promise.all([deps.client.profile(symbol), deps.client.metrics(symbol)]);
      const update = finnhubFundamentals(symbol, profile, metric, to);
      if (update) {
        const { updated } = await deps.fundamentals.update([update]);
        if (updated > 0) report.fundamentalsUpdated.push(symbol);
      }
    } catch (error) {
      report.failed.push({ symbol, part: 'fundamentals', error: reason(error) });
    }
  }
  return report;
}
