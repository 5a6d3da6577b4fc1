import { describe, expect, it } from 'vitest';
import {
  allowedNumbers,
  checkNumbers,
  extractNumbers,
  supported,
} from '../../../src/agents/explain/index.js';

describe('extractNumbers', () => {
  it.each([
    ['risk 1,234.5 today', [{ raw: '1,234.5', value: 1234.5, decimals: 1, unit: '' }]],
    ['12% of equity', [{ raw: '12%', value: 12, decimals: 0, unit: '%' }]],
    ['down -2.1 points', [{ raw: '-2.1', value: -2.1, decimals: 1, unit: '' }]],
    ['a 3R trade', [{ raw: '3R', value: 3, decimals: 0, unit: 'R' }]],
    ['volume 1.5x average', [{ raw: '1.5x', value: 1.5, decimals: 1, unit: 'x' }]],
    ['cap 2.5M shares', [{ raw: '2.5M', value: 2.5, decimals: 1, unit: 'M' }]],
    ['minus −3 (unicode)', [{ raw: '−3', value: -3, decimals: 0, unit: '' }]],
    ['EMA50 and RSI14 are names', []],
    ['version v1.2.3', []],
  ])('when the text is %j, then the numbers are %j', (text, expected) => {
    expect(extractNumbers(text)).toEqual(expected);
  });

  it('when a word follows a number directly, then the unit is not taken from it ("2 Months" is not 2M)', () => {
    expect(extractNumbers('in 2 Months')[0]?.unit).toBe('');
    expect(extractNumbers('3 ranges')[0]?.unit).toBe('');
  });
});

describe('supported', () => {
  it.each([
    ['2.2', [2.2049], true],
    ['2.3', [2.2049], false],
    ['2,870', [2870.35], true],
    ['2,871', [2869.4], false],
    ['12%', [0.12], true],
    ['12%', [12.4], true],
    ['13%', [0.12], false],
    ['2.1%', [-2.1], true],
    ['1.2M', [1_234_567], true],
    ['1.3M', [1_234_567], false],
    ['1.5x', [1.5], true],
    ['3R', [2.96], true],
  ])('when %s is checked against %j, then supported is %s', (text, facts, expected) => {
    const [token] = extractNumbers(text);
    expect(token && supported(token, facts)).toBe(expected);
  });
});

describe('checkNumbers with allowedNumbers', () => {
  const facts = {
    symbol: 'SPX',
    timeframe: '1d',
    asOf: '2020-04-17T00:00:00.000Z',
    modules: [{ facts: { rr: 1.25, stopInAtr: 0.45, atr14: 61.2 } }],
  };

  it('when every number comes from the facts (values, strings, keys), then the text passes', () => {
    const text =
      'On 2020-04-17 the 1d plan has reward:risk 1.25R, the stop is 0.45 ATR away and ATR(14) is 61.2; out of 100, 0 issues.';
    expect(checkNumbers(text, allowedNumbers(facts))).toMatchObject({ ok: true, unsupported: [] });
  });

  it('when the text invents a number, then it fails and names it', () => {
    const check = checkNumbers('Reward:risk is 1.25R and price could reach 3,200.', allowedNumbers(facts));
    expect(check.ok).toBe(false);
    expect(check.unsupported.map((t) => t.raw)).toEqual(['3,200']);
  });
});
