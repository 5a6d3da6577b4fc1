import { describe, expect, it } from 'vitest';
import { parseFillsCsv, parseFillTime } from '../../src/trading/index.js';

describe('fills CSV', () => {
  it('when a file has good and bad rows, then the bad ones are reported by line and the good ones kept', () => {
    const csv = [
      'Date,Time,Symbol,Side,Qty,Price,Fee,Tag',
      '2024-03-08,09:31:00,AAPL,BUY,100,185.10,1.00,breakout',
      '2024-03-08,09:45,AAPL,sell,-40,187.00,,breakout',
      '2024-03-08,10:00,AAPL,hold,10,1,,',
      'not-a-date,10:00,AAPL,buy,10,1,,',
      '2024-03-08,10:05,MSFT,buy,0,410,,',
      '2024-03-08,10:06,MSFT,buy,10,-410,,',
      '2024-03-08,10:07,??,buy,10,410,,',
      '2024-03-08,10:08,MSFT,buy,10,410,abc,',
      '"2024-03-08","10:09","msft","Bought","1,000","$410.50","0",""',
    ].join('\n');
    const parsed = parseFillsCsv(csv);
    expect(parsed.rows).toBe(9);
    expect(parsed.skipped.map((s) => s.line)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(parsed.skipped.map((s) => s.reason)).toEqual([
      'side "hold" is not buy or sell',
      'unparsable date/time "not-a-date 10:00"',
      'quantity "0" must be a positive number',
      'price "-410" must be a positive number',
      'invalid symbol "??"',
      'fee "abc" is not a number',
    ]);
    expect(parsed.fills.map((f) => [f.line, f.symbol, f.side, f.qty, f.price, f.fee, f.tag])).toEqual([
      [2, 'AAPL', 'buy', 100, 185.1, 1, 'breakout'],
      [3, 'AAPL', 'sell', 40, 187, 0, 'breakout'],
      [10, 'MSFT', 'buy', 1000, 410.5, 0, undefined],
    ]);
    expect(parsed.fills[0]?.ts).toBe(Date.UTC(2024, 2, 8, 9, 31));
  });

  it('when there is no side column, then the sign of the quantity is the side', () => {
    const parsed = parseFillsCsv(
      'datetime,ticker,quantity,price\n2024-03-08T14:31:00Z,SPY,10,510\n2024-03-08T15:00:00Z,SPY,-10,512\n',
    );
    expect(parsed.fills.map((f) => f.side)).toEqual(['buy', 'sell']);
  });

  it('when the same row appears twice, then both are kept with different natural keys, stable across parses', () => {
    const csv = 'date,symbol,side,qty,price\n2024-03-08,AAPL,buy,50,185\n2024-03-08,AAPL,buy,50,185\n';
    const a = parseFillsCsv(csv).fills.map((f) => f.naturalKey);
    const b = parseFillsCsv(csv).fills.map((f) => f.naturalKey);
    expect(a).toHaveLength(2);
    expect(new Set(a).size).toBe(2);
    expect(b).toEqual(a);
  });

  it.each([
    ['2024-03-08 09:30', 'America/New_York', '2024-03-08T14:30:00.000Z'],
    ['2024-03-11 09:30', 'America/New_York', '2024-03-11T13:30:00.000Z'],
    ['03/08/2024 16:00', 'Europe/London', '2024-03-08T16:00:00.000Z'],
    ['2024-03-08T09:30:00-05:00', 'Asia/Tokyo', '2024-03-08T14:30:00.000Z'],
    ['1709908200', 'UTC', '2024-03-08T14:30:00.000Z'],
  ])('when the time is %s read in %s, then it is %s', (raw, zone, iso) => {
    expect(new Date(parseFillTime(raw, zone) ?? Number.NaN).toISOString()).toBe(iso);
  });

  it.each(['2024-02-30', '2024-13-01 10:00', '10:00', 'yesterday'])(
    'when the time is %s, then it is refused',
    (raw) => {
      expect(parseFillTime(raw, 'UTC')).toBeUndefined();
    },
  );

  it('when the header lacks a price column, then the error names what is missing', () => {
    expect(() => parseFillsCsv('date,symbol,side,qty\n2024-03-08,AAPL,buy,1\n')).toThrow(/no price column/);
  });
});
