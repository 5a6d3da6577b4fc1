import { describe, expect, it } from 'vitest';
import { extractSlots, parseAmount, parsePercent } from '../../../src/bot/parsing/index.js';
import { tokenize } from '../../../src/bot/parsing/tokens.js';

describe('parseAmount', () => {
  it.each([
    ['185', 185],
    ['185.50', 185.5],
    ['$185', 185],
    ['185$', 185],
    ['usd300', 300],
    ['2,870', 2870],
    ['2,870.25', 2870.25],
    ['1,000,000', 1_000_000],
    ['1.5k', 1500],
    ['2k', 2000],
    ['2K', 2000],
    ['0.5k', 500],
    ['1m', 1_000_000],
    ['.5', 0.5],
    ['0', 0],
    // Read so that the idea's bounds refuse them by name instead of the token vanishing.
    ['1e5', 100_000],
    ['1e300', 1e300],
    ['1e309', Number.POSITIVE_INFINITY],
    ['-5', -5],
    ['-2,870.5', -2870.5],
  ])('when the token is %j, then the amount is %d', (token, value) => {
    expect(parseAmount(token)).toBe(value);
  });

  it.each([
    ['abc'],
    [''],
    ['1,87'],
    ['12,3456'],
    ['1e'],
    ['-'],
    ['--5'],
    ['1.2.3'],
    ['5%'],
    ['k'],
    ['$'],
    ['2kk'],
  ])('when the token is %j, then it is not an amount', (token) => {
    expect(parseAmount(token)).toBeUndefined();
  });
});

describe('parsePercent', () => {
  it.each([
    ['1%', 1],
    ['0.5%', 0.5],
    ['.25%', 0.25],
    ['2pct', 2],
    ['3percent', 3],
    ['1 %', 1],
  ])('when the token is %j, then the percent is %d', (token, value) => {
    expect(parsePercent(token)).toBe(value);
  });

  it.each([['1'], ['%'], ['abc%'], ['-1%'], ['1%%']])(
    'when the token is %j, then it is not a percent',
    (token) => {
      expect(parsePercent(token)).toBeUndefined();
    },
  );
});

describe('tokenize', () => {
  it.each([
    ['entry=2870 stop:2790', ['entry', '2870', 'stop', '2790']],
    ['SL: 180, TP: 195', ['sl', '180', 'tp', '195']],
    ['@185', ['@', '185']],
    ['2,870, 2,950; 2,700', ['2,870', '2,950', '2,700']],
    ['risk 1 %', ['risk', '1%']],
    ['Target 195. (swing) | done!', ['target', '195', 'swing', 'done']],
    ['', []],
  ])('when the text is %j, then the tokens are %j', (text, expected) => {
    expect(tokenize(text).map((t) => t.text)).toEqual(expected);
  });

  it('when a symbol is typed in capitals, then its raw case survives for symbol detection', () => {
    expect(tokenize('long AAPL').map((t) => t.raw)).toEqual(['long', 'AAPL']);
  });
});

describe('extractSlots', () => {
  it('when an idea says nothing about a field, then that slot is absent rather than defaulted', () => {
    expect(extractSlots('long AAPL 185')).toEqual({
      side: 'long',
      symbol: 'AAPL',
      entry: 185,
      unassigned: [],
    });
  });

  it('when the thesis holds numbers and labels, then they stay in the thesis and are not parsed', () => {
    const slots = extractSlots(
      'long AAPL 185 stop 180 target 195 because the stop at 170 held and target 250 is the measured move',
    );
    expect(slots).toMatchObject({
      entry: 185,
      stop: 180,
      targets: [195],
      thesis: 'the stop at 170 held and target 250 is the measured move',
      unassigned: [],
    });
  });

  it('when a time stop is given in weeks, then it is converted to five bars a week', () => {
    expect(extractSlots('long AAPL 185 time stop 3 weeks').timeStopBars).toBe(15);
  });

  it('when "at market" is said, then the slot says so and no entry is invented', () => {
    const slots = extractSlots('buy AAPL at market stop 180');
    expect(slots.atMarket).toBe(true);
    expect(slots.entry).toBeUndefined();
  });

  it('when a second number follows the entry with no label, then it is reported as unassigned', () => {
    expect(extractSlots('long AAPL 185 180').unassigned).toEqual([180]);
  });
});
