import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFillTime, type ImportFill, type ParsedFills } from '../fills-csv.js';
import { BrokerFileError, stockSymbol } from './common.js';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // One statement or several, one trade or many: always arrays keep one code path.
  isArray: (name) => name === 'FlexStatement' || name === 'Trade',
  parseAttributeValue: false,
  parseTagValue: false,
});

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function attr(node: Node, name: string): string {
  const value = node[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** IBKR writes `20240304;093100`, `20240304 093100` or `2024-03-04;09:31:00` depending on the query's settings. */
export function flexDateTime(raw: string, timeZone: string): number | undefined {
  const compact = /^(\d{4})(\d{2})(\d{2})[;, ]+(\d{2}):?(\d{2}):?(\d{2})$/.exec(raw.trim());
  const iso = /^(\d{4})-(\d{2})-(\d{2})[;, ]+(\d{2}):(\d{2}):(\d{2})$/.exec(raw.trim());
  const m = compact ?? iso;
  if (!m) return undefined;
  return parseFillTime(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`, timeZone);
}

/** The Flex web service answers errors in a `FlexStatementResponse`; its message is the useful part. */
function flexServiceError(doc: Node): string | undefined {
  const response = doc['FlexStatementResponse'];
  if (!isNode(response)) return undefined;
  const code = response['ErrorCode'];
  const message = response['ErrorMessage'];
  return `the file is an IBKR Flex service error${code ? ` ${String(code)}` : ''}: ${String(message ?? 'no message')}`;
}

/**
 * Reads the executions of an Interactive Brokers Flex Query (XML): every
 * `FlexStatement/Trades/Trade` at execution level. Order and closed-lot summary rows are left
 * out (they repeat the executions); non-stock rows are reported. The broker's execution id is
 * the natural key, so a re-import (or an overlapping period) adds nothing twice.
 */
export function parseFlexQuery(xml: string, options: { timeZone?: string } = {}): ParsedFills {
  const timeZone = options.timeZone ?? 'America/New_York';
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new BrokerFileError('DOCTYPE and ENTITY declarations are not accepted in a Flex Query file');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new BrokerFileError(
      `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  const doc: unknown = parser.parse(xml);
  if (!isNode(doc)) throw new BrokerFileError('empty XML document');
  const serviceError = flexServiceError(doc);
  if (serviceError) throw new BrokerFileError(serviceError);
  const root = doc['FlexQueryResponse'];
  const statements =
    isNode(root) && isNode(root['FlexStatements']) ? root['FlexStatements']['FlexStatement'] : undefined;
  if (!Array.isArray(statements))
    throw new BrokerFileError(
      'not an IBKR Flex Query: expected <FlexQueryResponse><FlexStatements><FlexStatement>',
    );
  const trades = statements.flatMap((s: unknown) =>
    isNode(s) && isNode(s['Trades']) && Array.isArray(s['Trades']['Trade'])
      ? (s['Trades']['Trade'] as unknown[]).filter(isNode)
      : [],
  );
  if (trades.length === 0 && !statements.some((s: unknown) => isNode(s) && 'Trades' in s))
    throw new BrokerFileError('the Flex Query has no Trades section: add "Trades" (executions) to the query');

  const fills: ImportFill[] = [];
  const skipped: ParsedFills['skipped'] = [];
  let rows = 0;
  trades.forEach((t, i) => {
    const level = attr(t, 'levelOfDetail').toUpperCase();
    if (level !== '' && level !== 'EXECUTION') return;
    rows++;
    const line = i + 1;
    const id = attr(t, 'ibExecID') || attr(t, 'tradeID');
    const label = `trade ${id || `#${line}`}`;
    const category = attr(t, 'assetCategory').toUpperCase();
    if (category !== '' && category !== 'STK') {
      skipped.push({
        line,
        reason: `${label}: asset category ${category} is not tracked (stocks and ETFs only)`,
      });
      return;
    }
    if (!id) {
      skipped.push({
        line,
        reason: `${label}: no ibExecID or tradeID, so a re-import could not be recognised`,
      });
      return;
    }
    const symbol = stockSymbol(attr(t, 'symbol'));
    if (!symbol) {
      skipped.push({ line, reason: `${label}: invalid symbol "${attr(t, 'symbol')}"` });
      return;
    }
    const ts = flexDateTime(attr(t, 'dateTime'), timeZone);
    if (ts === undefined) {
      skipped.push({ line, reason: `${label}: unparsable dateTime "${attr(t, 'dateTime')}"` });
      return;
    }
    const signed = Number(attr(t, 'quantity'));
    const buySell = attr(t, 'buySell').toUpperCase();
    const side = buySell.startsWith('BUY') ? 'buy' : buySell.startsWith('SELL') ? 'sell' : undefined;
    if (!side || buySell.includes('CA.')) {
      skipped.push({
        line,
        reason: `${label}: buySell "${attr(t, 'buySell')}" is not BUY or SELL${buySell.includes('CA.') ? ' (a cancellation)' : ''}`,
      });
      return;
    }
    if (!Number.isFinite(signed) || signed === 0) {
      skipped.push({ line, reason: `${label}: quantity "${attr(t, 'quantity')}" is not a non-zero number` });
      return;
    }
    const price = Number(attr(t, 'tradePrice'));
    if (!Number.isFinite(price) || price <= 0) {
      skipped.push({
        line,
        reason: `${label}: tradePrice "${attr(t, 'tradePrice')}" must be a positive number`,
      });
      return;
    }
    const fee = Number(attr(t, 'ibCommission') || '0');
    if (!Number.isFinite(fee)) {
      skipped.push({ line, reason: `${label}: ibCommission "${attr(t, 'ibCommission')}" is not a number` });
      return;
    }
    fills.push({
      line,
      ts,
      symbol,
      side,
      qty: Math.abs(signed),
      price,
      // IBKR books commissions as negative amounts.
      fee: Math.abs(fee),
      tag: undefined,
      naturalKey: `ibkr:${id}`,
    });
  });
  return { fills, skipped, rows };
}
