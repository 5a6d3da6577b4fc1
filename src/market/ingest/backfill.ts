import type { MarketRepository } from '../../db/index.js';
import { userError } from '../../errors.js';
import type { IngestReport, Ingestor } from './run.js';

/** "730 days" -> "2 years", "30 days" -> "30 days". */
export function spanText(days: number): string {
  return days >= 365 && days % 365 === 0 ? `${days / 365} year${days === 365 ? '' : 's'}` : `${days} days`;
}

/** The sentence a report leads with after a first-mention back-fill, from what was stored. */
export function backfillNote(report: IngestReport, backfillDays: number): string | undefined {
  const daily = report.outcomes.find((o) => o.timeframe === '1d');
  if (!daily || daily.kind !== 'backfill') return undefined;
  const intraday = report.outcomes.filter(
    (o) => o.timeframe !== '1d' && o.kind === 'backfill' && o.added > 0,
  );
  const extra = intraday.map((o) => `${o.added.toLocaleString('en-US')} ${o.timeframe}`).join(', ');
  return `I had no data for ${report.symbol}: fetched ${spanText(backfillDays)} of daily bars (${daily.added.toLocaleString('en-US')} bars${extra ? `, plus ${extra} bars` : ''}) from ${report.provider}.`;
}

/**
 * The seam the evaluation and the review call before reading bars. With a provider configured,
 * a symbol with no ticker is back-filled and one first fetched from the provider is brought up to
 * date; symbols from CSV imports or the demo data are left as they are (the trader's own data).
 * Without a provider it does nothing. Returns the note to show when this call did a back-fill.
 */
export function createBarsRefresher(deps: {
  market: Pick<MarketRepository, 'getTicker'>;
  ingestor?: Ingestor | undefined;
}) {
  return async function refresh(rawSymbol: string): Promise<string | undefined> {
    const ingestor = deps.ingestor;
    if (!ingestor) return undefined;
    const symbol = rawSymbol.toUpperCase();
    const ticker = await deps.market.getTicker(symbol);
    if (ticker && ticker.source !== ingestor.provider.label) return undefined;
    const report = await ingestor.ingest(symbol);
    const daily = report.outcomes.find((o) => o.timeframe === '1d');
    if (!ticker && daily?.kind === 'failed') {
      throw userError(
        'market-data-unavailable',
        `I have no data for ${symbol}, and ${ingestor.provider.label} did not answer just now: try again in a minute.`,
        { symbol },
      );
    }
    return backfillNote(report, ingestor.settings.backfillDays);
  };
}

export type BarsRefresher = ReturnType<typeof createBarsRefresher>;
