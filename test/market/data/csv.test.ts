import { describe, expect, it } from 'vitest';
import { parseOhlcvCsv } from '../../../src/market/data/csv.js';

const JAN2 = Date.UTC(2024, 0, 2);
const JAN3 = Date.UTC(2024, 0, 3);

describe('parseOhlcvCsv: headers', () => {
  it.each([
    ['date,open,high,low,close,volume'],
    ['Date,Open,High,Low,Close,Volume'],
    ['datetime,o,h,l,c,v'],
    ['timestamp,OPEN,HIGH,LOW,Adj Close,vol'],
    ['time, Open , High , Low , Close , Volume '],
    ['ts,open,high,low,close,volume'],
  ])('when the header is %j, then every column is found', (header) => {
    const result = parseOhlcvCsv(`${header}\n2024-01-02,10,12,9,11,500\n`, { symbol: 'ABC' });
    expect(result.bySymbol.get('ABC')).toEqual([
      { ts: JAN2, open: 10, high: 12, low: 9, close: 11, volume: 500 },
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('when the columns come in another order with extra ones, then they are matched by name', () => {
    const result = parseOhlcvCsv(
      'volume,close,adjclose,low,high,open,date\n500,11,10.8,9,12,10,2024-01-02\n',
      { symbol: 'ABC' },
    );
    expect(result.bySymbol.get('ABC')?.[0]).toEqual({
      ts: JAN2,
      open: 10,
      high: 12,
      low: 9,
      close: 11,
      volume: 500,
    });
  });

  it.each([['Name'], ['symbol'], ['Ticker']])(
    'when a %s column names the symbol, then rows are grouped by it, upper-cased',
    (column) => {
      const text = `date,open,high,low,close,volume,${column}\n2024-01-02,10,12,9,11,500,aapl\n2024-01-02,20,22,19,21,700,MSFT\n2024-01-03,11,13,10,12,600,AAPL\n`;
      const result = parseOhlcvCsv(text);
      expect([...result.bySymbol.keys()].sort()).toEqual(['AAPL', 'MSFT']);
      expect(result.bySymbol.get('AAPL')?.map((b) => b.ts)).toEqual([JAN2, JAN3]);
    },
  );

  it('when a byte-order mark precedes the header, then the date column is still found', () => {
    const result = parseOhlcvCsv('\uFEFFDate,Open,High,Low,Close,Volume\r\n2024-01-02,10,12,9,11,500\r\n', {
      symbol: 'ABC',
    });
    expect(result.bySymbol.get('ABC')).toHaveLength(1);
  });

  it('when columns are missing, then the error names each one and shows what was found', () => {
    expect(() => parseOhlcvCsv('date,open,close\n2024-01-02,10,11\n', { symbol: 'ABC' })).toThrow(
      'the header has no high, low, volume column (found: date, open, close); expected date,open,high,low,close,volume[,Name]',
    );
  });

  it('when there is no symbol column and no symbol is given, then the error says to pass one', () => {
    expect(() => parseOhlcvCsv('date,open,high,low,close,volume\n2024-01-02,10,12,9,11,500\n')).toThrow(
      /no symbol column .* pass --symbol/,
    );
  });

  it('when the file is empty, then the error says a header is expected', () => {
    expect(() => parseOhlcvCsv('', { symbol: 'ABC' })).toThrow(/the file is empty/);
  });
});

describe('parseOhlcvCsv: bad rows are skipped with their line number', () => {
  const HEADER = 'date,open,high,low,close,volume,Name';
  it.each([
    ['an empty open', '2024-01-03,,12,9,11,500,ABC', 'missing or non-numeric open'],
    ['empty open, high and low', '2024-01-03,,,,11,500,ABC', 'missing or non-numeric open, high, low'],
    ['a non-numeric close', '2024-01-03,10,12,9,n/a,500,ABC', 'missing or non-numeric close'],
    ['high below low', '2024-01-03,10,9,12,11,500,ABC', 'high 9 is below low 12'],
    ['a close above the high', '2024-01-03,10,12,9,13,500,ABC', 'open or close outside the high-low range'],
    ['a zero low', '2024-01-03,10,12,0,11,500,ABC', 'prices must be positive'],
    ['negative volume', '2024-01-03,10,12,9,11,-5,ABC', 'negative volume -5'],
    ['an unparsable date', 'yesterday,10,12,9,11,500,ABC', 'unparsable date "yesterday"'],
    ['an impossible calendar day', '2023-02-29,10,12,9,11,500,ABC', 'unparsable date "2023-02-29"'],
    ['a month 13', '2024-13-01,10,12,9,11,500,ABC', 'unparsable date "2024-13-01"'],
    ['an invalid symbol', '2024-01-03,10,12,9,11,500,A B', 'invalid symbol "A B"'],
  ])('when row 3 has %s, then it is skipped as line 3 and the good rows are kept', (_what, row, reason) => {
    const result = parseOhlcvCsv(
      `${HEADER}\n2024-01-02,10,12,9,11,500,ABC\n${row}\n2024-01-04,10,12,9,11,500,ABC\n`,
    );
    expect(result.skipped).toEqual([{ line: 3, reason }]);
    expect(result.bySymbol.get('ABC')).toHaveLength(2);
    expect(result.rows).toBe(3);
  });

  it('when blank lines sit between rows, then a bad row is reported on its real line in the file', () => {
    const text = `${HEADER}\n2024-01-02,10,12,9,11,500,ABC\n\n\n2024-01-03,,12,9,11,500,ABC\n`;
    expect(parseOhlcvCsv(text).skipped).toEqual([{ line: 5, reason: 'missing or non-numeric open' }]);
  });

  it('when a leap day is real, then it is kept', () => {
    const result = parseOhlcvCsv(`${HEADER}\n2024-02-29,10,12,9,11,500,ABC\n`);
    expect(result.bySymbol.get('ABC')?.[0]?.ts).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('parseOhlcvCsv: timestamps and ordering', () => {
  it.each([
    ['2024-01-02', JAN2],
    ['2024-01-02T14:30:00', JAN2 + 14.5 * 3_600_000],
    ['2024-01-02 14:30', JAN2 + 14.5 * 3_600_000],
    ['2024-01-02T14:30:00Z', JAN2 + 14.5 * 3_600_000],
    ['2024-01-02T09:30:00-05:00', JAN2 + 14.5 * 3_600_000],
    [String(JAN2 / 1000), JAN2],
    [String(JAN2), JAN2],
  ])('when the date is %j, then the bar time is %d (UTC)', (date, ts) => {
    expect(
      parseOhlcvCsv(`date,open,high,low,close,volume\n${date},10,12,9,11,500\n`, {
        symbol: 'ABC',
      }).bySymbol.get('ABC')?.[0]?.ts,
    ).toBe(ts);
  });

  it('when rows are out of order and a timestamp repeats, then bars are sorted and the later duplicate wins', () => {
    const text =
      'date,open,high,low,close,volume\n2024-01-03,20,22,19,21,1\n2024-01-02,10,12,9,11,2\n2024-01-03,30,32,29,31,3\n';
    const bars = parseOhlcvCsv(text, { symbol: 'ABC' }).bySymbol.get('ABC');
    expect(bars?.map((b) => [b.ts, b.close])).toEqual([
      [JAN2, 11],
      [JAN3, 31],
    ]);
  });

  it('when a symbol is given and the file has a Name column, then the given symbol wins', () => {
    const result = parseOhlcvCsv('date,open,high,low,close,volume,Name\n2024-01-02,10,12,9,11,500,OTHER\n', {
      symbol: 'MINE',
    });
    expect([...result.bySymbol.keys()]).toEqual(['MINE']);
  });
});
