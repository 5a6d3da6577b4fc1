import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BrokerFileError,
  detectFillsFormat,
  parseActivityStatement,
  parseFillsFile,
  parseFlexQuery,
} from '../../src/trading/index.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/broker/${name}`, import.meta.url), 'utf8');
const FLEX = fixture('ibkr-flex-trades.xml');
const ACTIVITY = fixture('ibkr-activity-statement.csv');

describe('IBKR Flex Query', () => {
  it('when a Flex Query holds executions, then each stock execution becomes a fill keyed by its ibExecID', () => {
    const parsed = parseFlexQuery(FLEX);
    expect(parsed.fills.map((f) => [f.symbol, f.side, f.qty, f.price, f.fee, f.naturalKey])).toEqual([
      ['AAPL', 'buy', 100, 175.1, 1, 'ibkr:0000e0d5.65e5d8a1.01.01'],
      ['AAPL', 'buy', 50, 175.12, 0.5, 'ibkr:0000e0d5.65e5d8a1.01.02'],
      ['AAPL', 'sell', 150, 170.05, 1.02, 'ibkr:0000e0d5.65e8a221.01.01'],
      ['TSLA', 'sell', 20, 181.4, 0.35, 'ibkr:0000e0d5.65e6b2c4.01.01'],
    ]);
    // US/Eastern by default: 09:31:05 EST is 14:31:05 UTC.
    expect(new Date(parsed.fills[0]?.ts ?? 0).toISOString()).toBe('2024-03-04T14:31:05.000Z');
    // The ORDER row repeats the two executions and is not counted.
    expect(parsed.rows).toBe(6);
    expect(parsed.skipped).toEqual([
      {
        line: 5,
        reason: 'trade 0000e0d5.65e6a001.01.01: asset category OPT is not tracked (stocks and ETFs only)',
      },
      { line: 7, reason: 'trade 0000e0d5.65e6b2c4.01.02: unparsable dateTime "not a time"' },
    ]);
  });

  it('when the account reports in another zone, then --tz moves the times', () => {
    const parsed = parseFlexQuery(FLEX, { timeZone: 'UTC' });
    expect(new Date(parsed.fills[0]?.ts ?? 0).toISOString()).toBe('2024-03-04T09:31:05.000Z');
  });

  it.each([
    ['<FlexQueryResponse><FlexStatements>', /not well-formed XML/],
    ['<rss><channel/></rss>', /not an IBKR Flex Query/],
    [
      '<FlexStatementResponse><Status>Fail</Status><ErrorCode>1019</ErrorCode><ErrorMessage>Statement generation in progress. Please try again shortly.</ErrorMessage></FlexStatementResponse>',
      /Flex service error 1019: Statement generation in progress/,
    ],
    [
      '<FlexQueryResponse><FlexStatements><FlexStatement accountId="U1"><CashReport/></FlexStatement></FlexStatements></FlexQueryResponse>',
      /no Trades section/,
    ],
    ['<!DOCTYPE x [<!ENTITY a "b">]><FlexQueryResponse/>', /DOCTYPE and ENTITY/],
  ])('when the XML is %s, then it is refused with the reason', (xml, reason) => {
    expect(() => parseFlexQuery(xml)).toThrow(BrokerFileError);
    expect(() => parseFlexQuery(xml)).toThrow(reason);
  });
});

describe('IBKR activity statement CSV', () => {
  it('when a statement is read, then order rows of stocks become fills and lots, totals and other sections are left out', () => {
    const parsed = parseActivityStatement(ACTIVITY);
    expect(parsed.fills.map((f) => [f.line, f.symbol, f.side, f.qty, f.price, f.fee])).toEqual([
      [10, 'AAPL', 'buy', 150, 175.1067, 1.5],
      [11, 'AAPL', 'sell', 150, 170.05, 1.02],
      [14, 'NVDA', 'buy', 1000, 860.5, 5],
    ]);
    expect(new Date(parsed.fills[2]?.ts ?? 0).toISOString()).toBe('2024-03-07T15:02:44.000Z');
    expect(parsed.skipped).toEqual([
      { line: 15, reason: 'asset category "Equity and Index Options" is not tracked (stocks and ETFs only)' },
      { line: 16, reason: 'AMD: T. Price "abc" must be a positive number' },
    ]);
    // Same content, same key: a re-import is recognised.
    expect(parseActivityStatement(ACTIVITY).fills.map((f) => f.naturalKey)).toEqual(
      parsed.fills.map((f) => f.naturalKey),
    );
  });

  it('when the statement has no Trades section or a Trades header without prices, then it is refused', () => {
    expect(() =>
      parseActivityStatement(
        'Statement,Header,Field Name,Field Value\nStatement,Data,Title,Activity Statement\n',
      ),
    ).toThrow(/no Trades section/);
    expect(() =>
      parseActivityStatement('Trades,Header,DataDiscriminator,Asset Category,Symbol,Date/Time,Quantity\n'),
    ).toThrow(/no T\. Price column/);
  });
});

describe('fills file detection', () => {
  it.each([
    [FLEX, 'ibkr-flex'],
    [ACTIVITY, 'ibkr-activity'],
    ['date,symbol,side,qty,price\n2024-03-04,AAPL,buy,1,100\n', 'csv'],
  ] as const)('when the content is given, then its format is detected (%#)', (text, format) => {
    expect(detectFillsFormat(text)).toBe(format);
    expect(parseFillsFile(text).format).toBe(format);
  });

  it('when the file is empty, then it is refused', () => {
    expect(() => parseFillsFile('  \n')).toThrow(/the file is empty/);
  });
});
