import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { periodStart, type AnchorPeriod } from '../../../src/market/levels/index.js';
import type { Bar } from '../../../src/market/types.js';

export const DAILY_DIR = process.env.MARKET_DAILY_DIR ?? join(import.meta.dirname, '../../../../shared/data/market/daily');

export function dailyFiles(dir = DAILY_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => join(dir, f));
}

/** Bars from a date,open,high,low,close,volume,Name file; rows with an empty price are skipped. */
export function loadDailyCsv(file: string): Bar[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const bars: Bar[] = [];
  for (const row of rows) {
    const values = ['open', 'high', 'low', 'close', 'volume'].map((k) => (row[k] ?? '').trim());
    if (values.some((v) => v === '')) continue;
    const [open, high, low, close, volume] = values.map(Number);
    const ts = Date.parse(`${row.date ?? ''}T00:00:00Z`);
    if ([ts, open, high, low, close, volume].some((v) => v === undefined || !Number.isFinite(v))) continue;
    bars.push({ ts, open: open ?? 0, high: high ?? 0, low: low ?? 0, close: close ?? 0, volume: volume ?? 0 });
  }
  return bars.sort((a, b) => a.ts - b.ts);
}

/**
 * Test-only aggregation of daily bars into weeks or months, to have higher frames for MTFA over
 * the real files (the product's resampler lives elsewhere).
 */
export function aggregate(bars: readonly Bar[], period: AnchorPeriod): Bar[] {
  const out: Bar[] = [];
  let key = Number.NaN;
  for (const bar of bars) {
    const start = periodStart(bar.ts, period);
    const current = out.at(-1);
    if (current && start === key) {
      current.high = Math.max(current.high, bar.high);
      current.low = Math.min(current.low, bar.low);
      current.close = bar.close;
      current.volume += bar.volume;
    } else {
      out.push({ ...bar, ts: start });
      key = start;
    }
  }
  return out;
}
