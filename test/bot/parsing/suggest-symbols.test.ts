import { describe, expect, it } from 'vitest';
import { suggestSymbols } from '../../../src/market/symbols.js';

const KNOWN = [
  'AAPL',
  'AMZN',
  'MSFT',
  'SPX',
  'SPY',
  'TSLA',
  'NVDA',
  'GOOG',
  'GOOGL',
  'META',
  'QQQ',
  'AMD',
  'TCHA',
  'TCHB',
  'TCHC',
  'FINA',
  'FINB',
];

describe('suggestSymbols', () => {
  it.each([
    ['APPL', ['AAPL']],
    ['aapl', ['AAPL']],
    ['AAPl', ['AAPL']],
    ['TSAL', ['TSLA']],
    ['NVDIA', ['NVDA']],
    ['MSFTT', ['MSFT']],
    ['QQ', ['QQQ']],
    ['SPXX', ['SPX', 'SPY']],
    ['GOGL', ['GOOGL', 'GOOG']],
    ['FIN', ['FINA', 'FINB']],
    ['TCH', ['TCHA', 'TCHB', 'TCHC']],
    ['XYZQW', []],
    ['Z', []],
  ])('when the unknown symbol is %s, then the suggestions are %j', (typed, expected) => {
    expect(suggestSymbols(typed, KNOWN)).toEqual(expected);
  });

  it('when the symbol is known, then it is the first suggestion', () => {
    expect(suggestSymbols('META', KNOWN)[0]).toBe('META');
  });

  it.each([[1], [2]])('when the limit is %d, then at most that many are suggested', (limit) => {
    expect(suggestSymbols('TCH', KNOWN, limit)).toHaveLength(limit);
  });

  it('when nothing is known, then nothing is suggested', () => {
    expect(suggestSymbols('AAPL', [])).toEqual([]);
  });
});
