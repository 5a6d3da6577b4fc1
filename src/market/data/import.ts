import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { MarketRepository } from '../../db/index.js';
import { isTimeframe, type Timeframe } from '../types.js';
import { parseOhlcvCsv, type SkippedRow } from './csv.js';
import { DEMO_UNIVERSE, generateDemoUniverse } from './demo-universe.js';

export interface ImportReport {
  file: string;
  timeframe: Timeframe;
  rows: number;
  symbols: { symbol: string; parsed: number; added: number }[];
  skipped: SkippedRow[];
}

/** Imports an OHLCV CSV; bad rows are skipped and reported, re-imports add nothing twice. */
export async function importCsvFile(
  market: MarketRepository,
  file: string,
  options: { symbol?: string | undefined; timeframe?: string | undefined } = {},
): Promise<ImportReport> {
  const timeframe = options.timeframe ?? '1d';
  if (!isTimeframe(timeframe))
    throw new Error(`unknown timeframe "${timeframe}": use one of 1m 5m 15m 30m 1h 4h 1d 1w 1M`);
  const text = await readFile(file, 'utf8');
  const parsed = parseOhlcvCsv(text, options.symbol ? { symbol: options.symbol.toUpperCase() } : {});
  const symbols: ImportReport['symbols'] = [];
  for (const [symbol, series] of parsed.bySymbol) {
    await market.ensureTicker({ symbol, name: symbol, assetClass: 'equity', source: `csv:${file}` });
    const added = await market.insertBars(symbol, timeframe, series);
    symbols.push({ symbol, parsed: series.length, added });
  }
  return { file, timeframe, rows: parsed.rows, symbols, skipped: parsed.skipped };
}

export function spxCsvPath(): string {
  // The package exports only its JS entry; the CSV sits in its data/ folder beside build/.
  const entry = createRequire(import.meta.url).resolve('vega-datasets');
  return join(dirname(entry), '..', 'data', 'sp500-2000.csv');
}

/**
 * Loads the demo data on first start: the real S&P 500 index (vega-datasets, 2000-2020) as SPX
 * and the synthetic universe generated from it. Idempotent: a second run adds nothing.
 */
export async function loadDemoData(
  market: MarketRepository,
): Promise<{ symbols: number; barsAdded: number }> {
  const text = await readFile(spxCsvPath(), 'utf8');
  const parsed = parseOhlcvCsv(text, { symbol: 'SPX' });
  const spx = parsed.bySymbol.get('SPX') ?? [];
  await market.upsertTickers([
    {
      symbol: 'SPX',
      name: 'S&P 500 Index',
      assetClass: 'index',
      sector: null,
      currency: 'USD',
      isSynthetic: false,
      source: 'vega-datasets sp500-2000.csv',
    },
    ...DEMO_UNIVERSE.map((d) => ({
      symbol: d.symbol,
      name: d.name,
      assetClass: 'equity' as const,
      sector: d.sector,
      industry: d.industry,
      isSynthetic: true,
      source: 'generated demo universe (seeded, derived from SPX returns)',
    })),
  ]);
  const last = spx.at(-1);
  const loaded = await Promise.all(
    ['SPX', ...DEMO_UNIVERSE.map((d) => d.symbol)].map((s) => market.latestBarTs(s, '1d')),
  );
  // Already there: skip re-inserting ~66k rows on every start.
  if (last && loaded.every((ts) => ts === last.ts)) return { symbols: loaded.length, barsAdded: 0 };
  let barsAdded = await market.insertBars('SPX', '1d', spx);
  for (const [symbol, series] of generateDemoUniverse(spx)) {
    barsAdded += await market.insertBars(symbol, '1d', series);
  }
  return { symbols: 1 + DEMO_UNIVERSE.length, barsAdded };
}
