import { csvRows } from '../data/csv-rows.js';
import type { NewMarketEvent } from '../../db/index.js';

/** Company events need a symbol; macro releases have none and apply to every symbol. */
export const COMPANY_KINDS = ['earnings', 'dividend'] as const;
export const MACRO_KINDS = ['fomc', 'cpi', 'nfp', 'ppi', 'gdp', 'pce', 'ecb', 'boe'] as const;
const KINDS: readonly string[] = [...COMPANY_KINDS, ...MACRO_KINDS];
const MACRO: readonly string[] = MACRO_KINDS;

export interface EventRowError {
  line: number;
  reason: string;
}

export interface ParsedEvents {
  rows: (NewMarketEvent & { line: number })[];
  errors: EventRowError[];
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Parses an events calendar: a header with `symbol`, `date` (YYYY-MM-DD) and `kind` columns, and
 * an optional `note`. A macro kind takes an empty symbol (or `*`); a company kind needs one.
 * Returns every good row and every bad row's line and reason; a row repeated in the file is kept
 * once. A file without those columns throws, naming what is missing. Pure.
 */
export function parseEventsCsv(text: string): ParsedEvents {
  const records = csvRows(text);
  const header = records[0]?.record.map((h) => h.trim().toLowerCase());
  if (!header) throw new Error('the file is empty: expected a header row symbol,date,kind');
  const missing = ['symbol', 'date', 'kind'].filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new Error(
      `the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (found: ${header.join(', ')}); expected symbol,date,kind[,note]`,
    );
  const col = (name: string) => header.indexOf(name);
  const rows: ParsedEvents['rows'] = [];
  const errors: EventRowError[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (name: string) => (col(name) >= 0 ? (record[col(name)] ?? '').trim() : '');
    const kind = cell('kind').toLowerCase();
    const rawSymbol = cell('symbol').replace(/^\$/, '').toUpperCase();
    const date = cell('date');
    const note = cell('note') || null;
    if (!KINDS.includes(kind)) {
      errors.push({ line, reason: `kind "${cell('kind')}" is not one of ${KINDS.join(', ')}` });
      continue;
    }
    if (!isRealDate(date)) {
      errors.push({ line, reason: `date "${date}" is not a calendar date as YYYY-MM-DD` });
      continue;
    }
    const macro = MACRO.includes(kind);
    const symbol = rawSymbol === '' || rawSymbol === '*' ? null : rawSymbol;
    if (macro && symbol !== null) {
      errors.push({
        line,
        reason: `${kind} is a macro release: leave the symbol empty (or *), not "${rawSymbol}"`,
      });
      continue;
    }
    if (!macro && symbol === null) {
      errors.push({ line, reason: `${kind} needs the company's symbol` });
      continue;
    }
    if (symbol !== null && !/^[A-Z][A-Z0-9.^=-]{0,14}$/.test(symbol)) {
      errors.push({ line, reason: `invalid symbol "${cell('symbol')}"` });
      continue;
    }
    const key = `${symbol ?? '*'}|${date}|${kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ line, symbol, date, kind, note });
  }
  return { rows, errors };
}
