import { describe, expect, it } from 'vitest';
import { generateDemoEvents } from '../../../src/market/data/demo-events.js';
import { DEMO_UNIVERSE } from '../../../src/market/data/demo-universe.js';
import { parseEventsCsv } from '../../../src/market/events/index.js';

describe('events CSV parser', () => {
  it('when the file has earnings and macro rows, then each becomes an event (macro without a symbol)', () => {
    const { rows, errors } = parseEventsCsv(
      'symbol,date,kind,note\nTCHA,2020-04-24,earnings,Q1\n,2020-04-29,FOMC,\n*,2020-05-08,nfp,\n$fina,2020-05-01,earnings,\n',
    );
    expect(errors).toEqual([]);
    expect(rows.map(({ symbol, date, kind, note }) => [symbol, date, kind, note])).toEqual([
      ['TCHA', '2020-04-24', 'earnings', 'Q1'],
      [null, '2020-04-29', 'fomc', null],
      [null, '2020-05-08', 'nfp', null],
      ['FINA', '2020-05-01', 'earnings', null],
    ]);
  });

  it.each([
    ['TCHA,2020-02-30,earnings', 'date "2020-02-30" is not a calendar date as YYYY-MM-DD'],
    ['TCHA,24/04/2020,earnings', 'date "24/04/2020" is not a calendar date as YYYY-MM-DD'],
    ['TCHA,2020-04-24,split', 'kind "split" is not one of earnings, dividend, fomc'],
    [',2020-04-24,earnings', "earnings needs the company's symbol"],
    ['SPX,2020-04-29,fomc', 'fomc is a macro release: leave the symbol empty (or *), not "SPX"'],
    ['TC HA,2020-04-24,earnings', 'invalid symbol "TC HA"'],
  ])('when a row is %s, then it is reported with its line: %s', (row, reason) => {
    const { rows, errors } = parseEventsCsv(`symbol,date,kind\n${row}\n`);
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(2);
    expect(errors[0]?.reason).toContain(reason);
  });

  it('when a row repeats, then it is kept once', () => {
    const { rows } = parseEventsCsv('symbol,date,kind\nTCHA,2020-04-24,earnings\ntcha,2020-04-24,Earnings\n');
    expect(rows).toHaveLength(1);
  });

  it.each([
    ['', 'the file is empty'],
    [
      'ticker,day,type\nTCHA,2020-04-24,earnings\n',
      'the header has no symbol, date, kind columns (found: ticker, day, type)',
    ],
    ['symbol,date\nTCHA,2020-04-24\n', 'the header has no kind column'],
  ])('when the file is %j, then it throws: %s', (text, message) => {
    expect(() => parseEventsCsv(text)).toThrow(message);
  });
});

describe('the synthetic demo calendar', () => {
  const events = generateDemoEvents('2000-01-01', '2020-04-17');

  it('when generated twice, then it is the same, marked synthetic, one weekday report a quarter per demo symbol, none past the last bar', () => {
    expect(generateDemoEvents('2000-01-01', '2020-04-17')).toEqual(events);
    expect(events.every((e) => e.isSynthetic && e.note === 'synthetic demo calendar')).toBe(true);
    expect(events.every((e) => e.date <= '2020-04-17' && e.date >= '2000-01-01')).toBe(true);
    expect(events.every((e) => ![0, 6].includes(new Date(`${e.date}T00:00:00Z`).getUTCDay()))).toBe(true);
    for (const d of DEMO_UNIVERSE) {
      const dates = events.filter((e) => e.symbol === d.symbol).map((e) => e.date);
      expect(dates.filter((x) => x.startsWith('2019'))).toHaveLength(4);
      expect(new Set(dates.map((x) => x.slice(5, 7)))).toEqual(new Set(['01', '04', '07', '10']));
    }
  });
});
