import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { FillSide } from './position.js';
import { zonedToUtc } from './zoned-time.js';

export interface ImportFill {
  line: number;
  ts: number;
  symbol: string;
  side: FillSide;
  qty: number;
  price: number;
  fee: number;
  tag: string | undefined;
  /** Same row content + its occurrence number in the file: stable across re-imports. */
  naturalKey: string;
}

export interface ParsedFills {
  fills: ImportFill[];
  skipped: { line: number; reason: string }[];
  rows: number;
}

const ALIASES = {
  datetime: [
    'datetime',
    'date/time',
    'date time',
    'timestamp',
    'ts',
    'executed at',
    'execution time',
    'filled at',
  ],
  date: ['date', 'trade date'],
  time: ['time', 'trade time'],
  symbol: ['symbol', 'ticker', 'instrument', 'name'],
  side: ['side', 'action', 'b/s', 'buy/sell', 'direction'],
  qty: ['qty', 'quantity', 'shares', 'size', 'filled qty', 'amount'],
  price: ['price', 'fill price', 'exec price', 'avg price', 'execution price'],
  fee: ['fee', 'fees', 'commission', 'commissions', 'comm'],
  tag: ['tag', 'trade', 'trade tag', 'trade_tag', 'strategy', 'setup'],
} as const;

type Column = keyof typeof ALIASES;

export const FILLS_CSV_FORMAT = 'date[,time],symbol,side(buy/sell),qty,price[,fee][,tag]';

const BUY = /^(b|buy|bot|bought|long|cover|bto|btc)\b/;
const SELL = /^(s|sell|sld|sold|short|ss|sto|stc)\b/;

function columns(header: string[]): Record<Column, number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const find = (key: Column) => names.findIndex((h) => (ALIASES[key] as readonly string[]).includes(h));
  return Object.fromEntries((Object.keys(ALIASES) as Column[]).map((k) => [k, find(k)])) as Record<
    Column,
    number
  >;
}

function num(raw: string | undefined): number | undefined {
  const text = (raw ?? '').trim().replace(/[$,\s]/g, '');
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Epoch ms of a timestamp; a time without a zone is wall-clock time in `timeZone`. */
export function parseFillTime(raw: string, timeZone: string): number | undefined {
  const text = raw.trim();
  if (/^\d{10}$/.test(text)) return Number(text) * 1000;
  if (/^\d{13}$/.test(text)) return Number(text);
  if (/([zZ]|[+-]\d{2}:?\d{2})$/.test(text) && /^\d{4}-/.test(text)) {
    const ms = Date.parse(text.replace(' ', 'T'));
    return Number.isFinite(ms) ? ms : undefined;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  const parts = iso
    ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]]
    : us
      ? [us[3], us[1], us[2], us[4], us[5], us[6]]
      : undefined;
  if (!parts) return undefined;
  const [y, mo, d, h, mi, s] = parts.map((p) => Number(p ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const naive = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(naive).getUTCDate() !== d) return undefined;
  return zonedToUtc(naive, timeZone);
}

function sideOf(raw: string | undefined, qty: number | undefined): FillSide | undefined {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === '') return qty === undefined || qty === 0 ? undefined : qty > 0 ? 'buy' : 'sell';
  if (BUY.test(text)) return 'buy';
  if (SELL.test(text)) return 'sell';
  return undefined;
}

/**
 * Parses a generic fills CSV (a header naming the columns; common broker spellings accepted).
 * Without a side column a negative quantity is a sell. Bad rows are reported by line number.
 */
export function parseFillsCsv(text: string, options: { timeZone?: string } = {}): ParsedFills {
  const timeZone = options.timeZone ?? 'UTC';
  const records = parse(text, {
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const header = records[0]?.record;
  if (!header) throw new Error(`the file is empty: expected a header row ${FILLS_CSV_FORMAT}`);
  const c = columns(header);
  // A lone "time" column holds the whole timestamp.
  if (c.datetime < 0 && c.date < 0 && c.time >= 0) [c.datetime, c.time] = [c.time, -1];
  const missing = [
    c.datetime < 0 && c.date < 0 ? 'date' : '',
    c.symbol < 0 ? 'symbol' : '',
    c.qty < 0 ? 'qty' : '',
    c.price < 0 ? 'price' : '',
  ].filter(Boolean);
  if (missing.length > 0)
    throw new Error(
      `the header has no ${missing.join(', ')} column (found: ${header.join(', ')}); expected ${FILLS_CSV_FORMAT}`,
    );
  const fills: ImportFill[] = [];
  const skipped: ParsedFills['skipped'] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (i: number) => (i >= 0 ? (record[i] ?? '').trim() : '');
    const when =
      c.datetime >= 0
        ? cell(c.datetime)
        : `${cell(c.date)}${c.time >= 0 && cell(c.time) ? ` ${cell(c.time)}` : ''}`;
    const ts = parseFillTime(when, timeZone);
    if (ts === undefined) {
      skipped.push({ line, reason: `unparsable date/time "${when}"` });
      continue;
    }
    const symbol = cell(c.symbol).toUpperCase();
    if (!/^[A-Z0-9.^=/-]{1,15}$/.test(symbol)) {
      skipped.push({ line, reason: `invalid symbol "${cell(c.symbol)}"` });
      continue;
    }
    const signedQty = num(cell(c.qty));
    const side = sideOf(c.side >= 0 ? cell(c.side) : undefined, signedQty);
    if (!side) {
      skipped.push({
        line,
        reason:
          c.side >= 0
            ? `side "${cell(c.side)}" is not buy or sell`
            : 'quantity is missing or zero, so the side is unknown',
      });
      continue;
    }
    if (signedQty === undefined || signedQty === 0 || (signedQty < 0 && side === 'buy')) {
      skipped.push({ line, reason: `quantity "${cell(c.qty)}" must be a positive number` });
      continue;
    }
    const price = num(cell(c.price));
    if (price === undefined || price <= 0) {
      skipped.push({ line, reason: `price "${cell(c.price)}" must be a positive number` });
      continue;
    }
    const fee = c.fee >= 0 && cell(c.fee) !== '' ? num(cell(c.fee)) : 0;
    if (fee === undefined) {
      skipped.push({ line, reason: `fee "${cell(c.fee)}" is not a number` });
      continue;
    }
    // Brokers print commissions as negative amounts; the sign carries no meaning here.
    const tag = cell(c.tag) || undefined;
    const qty = Math.abs(signedQty);
    const content = [ts, symbol, side, qty, price, Math.abs(fee), tag ?? ''].join('|');
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    const naturalKey = createHash('sha256').update(`${content}|#${occurrence}`).digest('hex').slice(0, 32);
    fills.push({ line, ts, symbol, side, qty, price, fee: Math.abs(fee), tag, naturalKey });
  }
  return { fills, skipped, rows: records.length - 1 };
}
