import { readFile } from 'node:fs/promises';
import type { FundamentalsRepository } from '../../db/index.js';
import { parseFundamentalsCsv, type SkippedFundamentalsRow } from './csv.js';
import { demoUniverseFundamentals } from './demo.js';
import type { Fundamentals } from './types.js';

export interface FundamentalsImportReport {
  file: string;
  rows: number;
  updated: number;
  skipped: SkippedFundamentalsRow[];
}

/** Imports a fundamentals CSV onto known tickers; bad rows and unknown symbols are reported by line. */
export async function importFundamentalsFile(
  repo: FundamentalsRepository,
  file: string,
): Promise<FundamentalsImportReport> {
  const text = await readFile(file, 'utf8');
  const parsed = parseFundamentalsCsv(text, `csv:${file}`);
  const { updated, unknown } = await repo.update(parsed.rows.map(({ line: _line, ...row }) => row));
  const missing = new Set(unknown);
  const unknownRows = parsed.rows
    .filter((r) => missing.has(r.symbol))
    .map((r) => ({
      line: r.line,
      reason: `${r.symbol}: unknown symbol (import its bars first with \`buddy data import\`)`,
    }));
  return {
    file,
    rows: parsed.rows.length + parsed.skipped.length,
    updated,
    skipped: [...parsed.skipped, ...unknownRows].sort((a, b) => a.line - b.line),
  };
}

/**
 * Gives the demo universe its synthetic fundamentals on first start. Never overwrites numbers
 * that came from somewhere else (an import); a second run writes nothing.
 */
export async function loadDemoFundamentals(repo: FundamentalsRepository): Promise<{ written: number }> {
  const demo = demoUniverseFundamentals();
  const current = await Promise.all(demo.map((d) => repo.get(d.symbol)));
  const todo = demo.filter((_, i) => {
    const row = current[i];
    return row !== undefined && row.fundamentalsSource === null;
  });
  if (todo.length === 0) return { written: 0 };
  const { updated } = await repo.update(todo);
  return { written: updated };
}

/** The stored fundamentals of a symbol, in the agents' shape; undefined for an unknown symbol. */
export async function fundamentalsOf(
  repo: Pick<FundamentalsRepository, 'get'>,
  symbol: string,
): Promise<Fundamentals | undefined> {
  const row = await repo.get(symbol);
  if (!row) return undefined;
  return {
    symbol: row.symbol,
    assetClass: row.assetClass,
    sector: row.sector,
    industry: row.industry,
    marketCap: row.marketCap,
    peRatio: row.peRatio,
    forwardPe: row.forwardPe,
    epsGrowthPct: row.epsGrowthPct,
    profitMarginPct: row.profitMarginPct,
    debtToEquity: row.debtToEquity,
    dividendYieldPct: row.dividendYieldPct,
    asOf: row.fundamentalsAsOf,
    source: row.fundamentalsSource,
  };
}
