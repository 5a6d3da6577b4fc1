import { z } from 'zod';
import type { FundamentalsUpdate } from '../../db/index.js';
import type { ParsedNewsItem, SkippedNewsEntry } from '../news/index.js';

/** One entry of GET /company-news (datetime in Unix seconds). */
const NewsEntry = z.object({
  headline: z.string().trim().min(1),
  url: z.url(),
  datetime: z.number().int().positive(),
  source: z.string().trim().optional(),
  related: z.string().optional(),
});

export const FINNHUB_SOURCE = 'finnhub';

/** Finnhub headlines in the shape the news import scores and stores; bad entries are reported. */
export function finnhubNews(
  raw: unknown,
  symbol: string,
): { items: ParsedNewsItem[]; skipped: SkippedNewsEntry[] } {
  if (!Array.isArray(raw)) throw new TypeError('company-news did not answer a list');
  const items: ParsedNewsItem[] = [];
  const skipped: SkippedNewsEntry[] = [];
  raw.forEach((entry: unknown, i) => {
    const parsed = NewsEntry.safeParse(entry);
    if (!parsed.success) {
      skipped.push({
        entry: i + 1,
        reason: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
      });
      return;
    }
    const e = parsed.data;
    const related = (e.related ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    items.push({
      headline: e.headline,
      url: e.url,
      publishedAt: e.datetime * 1000,
      source: e.source || FINNHUB_SOURCE,
      symbols: [...new Set([symbol, ...related])],
    });
  });
  return { items, skipped };
}

const num = z.number().finite().nullable().optional();
const Profile = z.object({
  finnhubIndustry: z.string().trim().optional(),
  /** In millions of the listing currency. */
  marketCapitalization: num,
});
const Metric = z.object({
  metric: z
    .object({
      peTTM: num,
      peBasicExclExtraTTM: num,
      forwardPE: num,
      epsGrowthTTMYoy: num,
      netProfitMarginTTM: num,
      'totalDebt/totalEquityQuarterly': num,
      'totalDebt/totalEquityAnnual': num,
      currentDividendYieldTTM: num,
      dividendYieldIndicatedAnnual: num,
    })
    .partial()
    .default({}),
});

const first = (...values: (number | null | undefined)[]) => values.find((v) => typeof v === 'number') ?? null;

/**
 * Fundamentals from /stock/profile2 and /stock/metric. Finnhub names one industry per company
 * (its `finnhubIndustry`), stored as the industry; the sector stays as it was. A figure Finnhub
 * does not give is null, never zero. Undefined when Finnhub knows nothing of the symbol (an
 * empty profile and no metrics).
 */
export function finnhubFundamentals(
  symbol: string,
  profileRaw: unknown,
  metricRaw: unknown,
  asOf: string,
): FundamentalsUpdate | undefined {
  const profile = Profile.safeParse(profileRaw);
  const metric = Metric.safeParse(metricRaw);
  if (!profile.success && !metric.success)
    throw new TypeError('profile2 and metric answered unreadable JSON');
  const p = profile.success ? profile.data : {};
  const m = metric.success ? metric.data.metric : {};
  const update: FundamentalsUpdate = {
    symbol,
    marketCap: typeof p.marketCapitalization === 'number' ? p.marketCapitalization * 1e6 : null,
    peRatio: first(m.peTTM, m.peBasicExclExtraTTM),
    forwardPe: first(m.forwardPE),
    epsGrowthPct: first(m.epsGrowthTTMYoy),
    profitMarginPct: first(m.netProfitMarginTTM),
    debtToEquity: first(m['totalDebt/totalEquityQuarterly'], m['totalDebt/totalEquityAnnual']),
    dividendYieldPct: first(m.currentDividendYieldTTM, m.dividendYieldIndicatedAnnual),
    fundamentalsAsOf: asOf,
    fundamentalsSource: FINNHUB_SOURCE,
    ...(p.finnhubIndustry ? { industry: p.finnhubIndustry } : {}),
  };
  const known = Object.entries(update).filter(
    ([k, v]) => !['symbol', 'fundamentalsAsOf', 'fundamentalsSource'].includes(k) && v !== null,
  );
  return known.length > 0 ? update : undefined;
}
