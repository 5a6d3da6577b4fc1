import { parse } from 'csv-parse/sync';
import type { Bar } from '../types.js';

export interface SkippedRow {
  line: number;
  reason: string;
}

export interface ParsedCsv {
  /** Bars per symbol, sorted by time, one per timestamp (a later duplicate row wins). */
  bySymbol: Map<string, Bar[]>;
  skipped: SkippedRow[];
  rows: number;
}

const ALIASES: Record<string, readonly string[]> = {
  date: ['date', 'datetime', 'timestamp', 'time', 'ts'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'adj close'],
  volume: ['volume', 'vol', 'v'],
  symbol: ['name', 'symbol', 'ticker'],
};

function columnIndex(header: string[], key: keyof typeof ALIASES): number {
  const names = ALIASES[key] ?? [];
  return header.findIndex((h) => names.includes(h.trim().toLowerCase()));
}

function parseTimestamp(raw: string): number | undefined {
  const text = raw.trim();
  if (/^\d{10}$/.test(text)) return Number(text) * 1000;
  if (/^\d{13}$/.test(text)) return Number(text);
  // A plain date is UTC midnight; a date-time without a zone is read as UTC too.
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text.replace(' ', 'T');
  const zoned = /([zZ]|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(zoned);
  if (!Number.isFinite(ms)) return undefined;
  // Date.parse rolls impossible days over ("2024-02-30" becomes 1 March); such a row is bad, not moved.
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (
    ymd &&
    new Date(Date.UTC(Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3]))).getUTCDate() !== Number(ymd[3])
  )
    return undefined;
  return ms;
}

function num(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw.trim());
  return Number.isFinite(value) ? value : undefined;
}

/** Why a row cannot be a bar, or undefined when it can. */
function rowProblem(b: {
  open?: number;
  high?: number;
  low?: number;
  close?: number;
  volume?: number;
}): string | undefined {
  const missing = (['open', 'high', 'low', 'close', 'volume'] as const).filter((k) => b[k] === undefined);
  if (missing.length > 0) return `missing or non-numeric ${missing.join(', ')}`;
  const { open = 0, high = 0, low = 0, close = 0, volume = 0 } = b;
  if (high < low) return `high ${high} is below low ${low}`;
  if (open > high || open < low || close > high || close < low)
    return 'open or close outside the high-low range';
  if (Math.min(open, high, low, close) <= 0) return 'prices must be positive';
  if (volume < 0) return `negative volume ${volume}`;
  return undefined;
}

/**
 * Parses a generic OHLCV CSV: a header with date, open, high, low, close, volume and optionally
 * a symbol column (`Name`, `symbol`, `ticker`). Bad rows are skipped and reported by line number.
 */
export function parseOhlcvCsv(text: string, options: { symbol?: string } = {}): ParsedCsv {
  // `info` gives each record's line in the file: with blank lines or quoted line breaks the
  // record index is not the line number. csv-parse's sync typings do not model `info: true`.
  const parsed = parse(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = parsed[0]?.record;
  if (!header)
    throw new Error('the file is empty: expected a header row with date,open,high,low,close,volume');
  const idx = {
    date: columnIndex(header, 'date'),
    open: columnIndex(header, 'open'),
    high: columnIndex(header, 'high'),
    low: columnIndex(header, 'low'),
    close: columnIndex(header, 'close'),
    volume: columnIndex(header, 'volume'),
    symbol: columnIndex(header, 'symbol'),
  };
  const absent = (['date', 'open', 'high', 'low', 'close', 'volume'] as const).filter((k) => idx[k] < 0);
  if (absent.length > 0) {
    throw new Error(
      `the header has no ${absent.join(', ')} column (found: ${header.join(', ')}); expected date,open,high,low,close,volume[,Name]`,
    );
  }
  if (idx.symbol < 0 && !options.symbol) {
    throw new Error('the file has no symbol column (Name, symbol or ticker): pass --symbol');
  }
  const bySymbolMap = new Map<string, Map<number, Bar>>();
  const skipped: SkippedRow[] = [];
  parsed.slice(1).forEach(({ record, info }) => {
    const line = info.lines;
    const ts = parseTimestamp(record[idx.date] ?? '');
    if (ts === undefined)
      return skipped.push({ line, reason: `unparsable date "${record[idx.date] ?? ''}"` });
    const values = {
      open: num(record[idx.open]),
      high: num(record[idx.high]),
      low: num(record[idx.low]),
      close: num(record[idx.close]),
      volume: num(record[idx.volume]),
    };
    const problem = rowProblem(values);
    if (problem) return skipped.push({ line, reason: problem });
    const symbol = (options.symbol ?? record[idx.symbol] ?? '').trim().toUpperCase();
    if (!/^[A-Z0-9.^=-]{1,15}$/.test(symbol))
      return skipped.push({ line, reason: `invalid symbol "${symbol}"` });
    const series = bySymbolMap.get(symbol) ?? new Map<number, Bar>();
    series.set(ts, { ts, ...(values as Omit<Bar, 'ts'>) });
    bySymbolMap.set(symbol, series);
    return undefined;
  });
  const bySymbol = new Map<string, Bar[]>();
  for (const [symbol, series] of bySymbolMap) {
    bySymbol.set(
      symbol,
      [...series.values()].sort((a, b) => a.ts - b.ts),
    );
  }
  return { bySymbol, skipped, rows: parsed.length - 1 };
}
