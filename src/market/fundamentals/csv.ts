import { csvRows } from '../data/csv-rows.js';
import type { FundamentalsUpdate } from '../../db/index.js';
import { FUNDAMENTAL_FIELDS, type FundamentalField } from './types.js';

export interface SkippedFundamentalsRow {
  line: number;
  reason: string;
}

export interface ParsedFundamentals {
  rows: (FundamentalsUpdate & { line: number })[];
  skipped: SkippedFundamentalsRow[];
}

const ALIASES: Record<
  FundamentalField | 'symbol' | 'asOf' | 'sector' | 'industry' | 'source',
  readonly string[]
> = {
  symbol: ['symbol', 'ticker'],
  marketCap: ['market_cap', 'marketcap', 'market cap'],
  peRatio: ['pe_ratio', 'pe', 'peratio', 'p/e', 'trailing_pe'],
  forwardPe: ['forward_pe', 'forwardpe', 'forward p/e'],
  epsGrowthPct: ['eps_growth_pct', 'epsgrowthpct', 'eps_growth'],
  profitMarginPct: ['profit_margin_pct', 'profitmarginpct', 'profit_margin', 'net_margin_pct'],
  debtToEquity: ['debt_to_equity', 'debttoequity', 'd/e'],
  dividendYieldPct: ['dividend_yield_pct', 'dividendyieldpct', 'dividend_yield'],
  asOf: ['as_of', 'asof', 'date', 'fundamentals_as_of'],
  sector: ['sector'],
  industry: ['industry'],
  source: ['source', 'fundamentals_source'],
};

/** Plausible ranges: a value outside them is a unit mistake (a fraction for a percent, cents for dollars). */
const RANGES: Partial<Record<FundamentalField, [number, number]>> = {
  marketCap: [0, 1e14],
  dividendYieldPct: [0, 100],
  profitMarginPct: [-1000, 100],
  epsGrowthPct: [-1000, 10_000],
};

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * Parses a fundamentals CSV: one row per symbol with the header names above (snake_case or
 * camelCase). An empty cell means "not known" (null), never zero. Bad rows are reported by
 * their line in the file; a later row for the same symbol replaces an earlier one.
 */
export function parseFundamentalsCsv(text: string, defaultSource: string): ParsedFundamentals {
  const records = csvRows(text);
  const header = records[0]?.record.map((h) => h.trim().toLowerCase());
  if (!header) throw new Error('the file is empty: expected a header row starting with symbol');
  const col = (key: keyof typeof ALIASES): number =>
    header.findIndex((h) => ALIASES[key].includes(h) || h === key.toLowerCase());
  if (col('symbol') < 0) throw new Error(`the header has no symbol column (found: ${header.join(', ')})`);
  if (col('asOf') < 0)
    throw new Error('the header has no as_of column: fundamentals need the date they describe');
  const present = FUNDAMENTAL_FIELDS.filter((f) => col(f) >= 0);
  if (present.length === 0) throw new Error(`the header names none of ${FUNDAMENTAL_FIELDS.join(', ')}`);

  const bySymbol = new Map<string, FundamentalsUpdate & { line: number }>();
  const skipped: SkippedFundamentalsRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (key: keyof typeof ALIASES): string =>
      col(key) >= 0 ? (record[col(key)] ?? '').trim() : '';
    const symbol = cell('symbol').toUpperCase();
    if (!/^[A-Z0-9.^=-]{1,15}$/.test(symbol)) {
      skipped.push({ line, reason: `invalid symbol "${cell('symbol')}"` });
      continue;
    }
    const asOf = cell('asOf');
    if (!isRealDate(asOf)) {
      skipped.push({ line, reason: `${symbol}: as_of "${asOf}" is not a YYYY-MM-DD date` });
      continue;
    }
    const values: Partial<Record<FundamentalField, number | null>> = {};
    const problems: string[] = [];
    for (const field of FUNDAMENTAL_FIELDS) {
      // Spreadsheets write thousands separators and a typographic minus; neither changes the number.
      const raw = cell(field)
        .replace(/[,_]/g, '')
        .replace(/^\u2212/, '-');
      if (raw === '' || /^(n\/?a|null|-)$/i.test(raw)) {
        values[field] = null;
        continue;
      }
      const value = Number(raw.replace(/%$/, ''));
      const range = RANGES[field];
      if (!Number.isFinite(value)) problems.push(`${field} "${cell(field)}" is not a number`);
      else if (range && (value < range[0] || value > range[1]))
        problems.push(`${field} ${value} is outside ${range[0]}..${range[1]}`);
      else values[field] = value;
    }
    if (problems.length > 0) {
      skipped.push({ line, reason: `${symbol}: ${problems.join('; ')}` });
      continue;
    }
    const earlier = bySymbol.get(symbol);
    if (earlier) skipped.push({ line: earlier.line, reason: `${symbol}: replaced by line ${line}` });
    bySymbol.set(symbol, {
      line,
      symbol,
      marketCap: values.marketCap ?? null,
      peRatio: values.peRatio ?? null,
      forwardPe: values.forwardPe ?? null,
      epsGrowthPct: values.epsGrowthPct ?? null,
      profitMarginPct: values.profitMarginPct ?? null,
      debtToEquity: values.debtToEquity ?? null,
      dividendYieldPct: values.dividendYieldPct ?? null,
      fundamentalsAsOf: asOf,
      fundamentalsSource: cell('source') || defaultSource,
      ...(cell('sector') ? { sector: cell('sector') } : {}),
      ...(cell('industry') ? { industry: cell('industry') } : {}),
    });
  }
  return { rows: [...bySymbol.values()], skipped: skipped.sort((a, b) => a.line - b.line) };
}
