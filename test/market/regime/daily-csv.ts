import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOhlcvCsv } from '../../../src/market/data/index.js';
import type { Bar } from '../../../src/market/types.js';

/** The shared daily files (date,open,high,low,close,volume,Name), beside the repository. */
export const DAILY_DIR =
  process.env.MARKET_DAILY_DIR ?? join(import.meta.dirname, '../../../../shared/data/market/daily');

export function dailyFiles(dir = DAILY_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(dir, f));
}

/** The bars of a one-symbol file; rows with an empty or inconsistent price are skipped by the parser. */
export function loadDailyCsv(file: string): Bar[] {
  const [bars] = parseOhlcvCsv(readFileSync(file, 'utf8')).bySymbol.values();
  return bars ?? [];
}
