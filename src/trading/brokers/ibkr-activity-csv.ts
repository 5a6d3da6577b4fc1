import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { parseFillTime, type ImportFill, type ParsedFills } from '../fills-csv.js';
import { BrokerFileError, stockSymbol } from './common.js';

const NEEDED = ['Asset Category', 'Symbol', 'Date/Time', 'Quantity', 'T. Price'] as const;

function num(raw: string | undefined): number | undefined {
  const text = (raw ?? '').trim().replace(/,/g, '');
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** True when the text looks like an IBKR activity statement (its first column names sections). */
export function isActivityStatement(text: string): boolean {
  return /^(\uFEFF)?Statement,Header,/m.test(text) || /^Trades,Header,/m.test(text);
}

/**
 * Reads the Trades section of an Interactive Brokers activity statement exported as CSV: the
 * file is many tables in one, each row starting with its section name and a row kind (Header,
 * Data, SubTotal, Total). Only `Trades,Data` rows at order or trade level for stocks become
 * fills; closed lots repeat them and are left out. The statement carries no execution id, so a
 * row's content and its occurrence in the file make its natural key (as for a generic CSV).
 */
export function parseActivityStatement(text: string, options: { timeZone?: string } = {}): ParsedFills {
  const timeZone = options.timeZone ?? 'America/New_York';
  const records = parse(text, {
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  let header: string[] | undefined;
  let sawTrades = false;
  const fills: ImportFill[] = [];
  const skipped: ParsedFills['skipped'] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  for (const { record, info } of records) {
    const [section, kind] = record;
    if (section !== 'Trades') continue;
    const line = info.lines;
    if (kind === 'Header') {
      sawTrades = true;
      header = record.map((h) => h.trim());
      const missing = NEEDED.filter((n) => !header?.includes(n));
      if (missing.length > 0)
        throw new BrokerFileError(
          `line ${line}: the Trades header has no ${missing.join(', ')} column (found: ${header.join(', ')})`,
        );
      continue;
    }
    if (kind !== 'Data' || !header) continue;
    const cell = (name: string) => (record[header?.indexOf(name) ?? -1] ?? '').trim();
    const level = cell('DataDiscriminator');
    if (level !== '' && level !== 'Order' && level !== 'Trade') continue;
    rows++;
    const category = cell('Asset Category');
    if (category !== 'Stocks') {
      skipped.push({ line, reason: `asset category "${category}" is not tracked (stocks and ETFs only)` });
      continue;
    }
    const symbol = stockSymbol(cell('Symbol'));
    if (!symbol) {
      skipped.push({ line, reason: `invalid symbol "${cell('Symbol')}"` });
      continue;
    }
    const when = cell('Date/Time').replace(/,\s*/, ' ');
    const ts = parseFillTime(when, timeZone);
    if (ts === undefined) {
      skipped.push({ line, reason: `${symbol}: unparsable Date/Time "${cell('Date/Time')}"` });
      continue;
    }
    const signed = num(cell('Quantity'));
    if (signed === undefined || signed === 0) {
      skipped.push({ line, reason: `${symbol}: Quantity "${cell('Quantity')}" is not a non-zero number` });
      continue;
    }
    const price = num(cell('T. Price'));
    if (price === undefined || price <= 0) {
      skipped.push({ line, reason: `${symbol}: T. Price "${cell('T. Price')}" must be a positive number` });
      continue;
    }
    const fee = header.includes('Comm/Fee') ? num(cell('Comm/Fee') || '0') : 0;
    if (fee === undefined) {
      skipped.push({ line, reason: `${symbol}: Comm/Fee "${cell('Comm/Fee')}" is not a number` });
      continue;
    }
    const side = signed > 0 ? 'buy' : 'sell';
    const qty = Math.abs(signed);
    const content = [ts, symbol, side, qty, price, Math.abs(fee)].join('|');
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    const naturalKey = `ibkr-csv:${createHash('sha256').update(`${content}|#${occurrence}`).digest('hex').slice(0, 32)}`;
    fills.push({ line, ts, symbol, side, qty, price, fee: Math.abs(fee), tag: undefined, naturalKey });
  }
  if (!sawTrades)
    throw new BrokerFileError(
      'the activity statement has no Trades section: export it with "Trades" included',
    );
  return { fills, skipped, rows };
}
