import type { ImportFill, ParsedFills } from '../fills-csv.js';
import type { FillImportResult } from '../import-fills.js';
import { createAlpacaActivities, mapAlpacaActivities, type AlpacaSettings } from './alpaca.js';

export interface AlpacaSyncReport {
  parsed: ParsedFills;
  result: FillImportResult;
}

/**
 * One sync of an Alpaca account into one trader's book: every FILL activity after `after` (all
 * of them without it), imported by activity id so fills seen before are skipped.
 */
export function createAlpacaSync(deps: {
  settings: AlpacaSettings;
  importFills(userId: string, fills: readonly ImportFill[]): Promise<FillImportResult>;
}) {
  const activities = createAlpacaActivities(deps.settings);
  return async (userId: string, after?: Date): Promise<AlpacaSyncReport> => {
    const parsed = mapAlpacaActivities(await activities.fills(after));
    return { parsed, result: await deps.importFills(userId, parsed.fills) };
  };
}

/** What the scheduled sync records in `job_runs`. */
export function alpacaOutcome(report: AlpacaSyncReport): { result: Record<string, unknown> } {
  const { parsed, result } = report;
  return {
    result: {
      rows: parsed.rows,
      added: result.added,
      duplicates: result.duplicates,
      opened: result.opened,
      linked: result.linked,
      closed: result.closed,
      skipped: parsed.skipped.length + result.refused.length,
    },
  };
}
