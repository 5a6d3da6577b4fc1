import { parse } from 'csv-parse/sync';

/** One CSV record with the file line it ends on (blank lines and quoted breaks shift the index). */
export interface CsvRow {
  record: string[];
  info: { lines: number };
}

/**
 * Every record of a CSV text with its line, values trimmed, blank lines skipped, a BOM dropped and
 * short or long rows kept for the caller to judge. csv-parse's sync typings do not model
 * `info: true`, hence the cast in one place.
 */
export function csvRows(text: string): CsvRow[] {
  return parse(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
    trim: true,
  }) as unknown as CsvRow[];
}
