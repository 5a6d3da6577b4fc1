import { describe, expect, it } from 'vitest';
import { coherenceProblems, TradeIntentSchema } from '../../src/evaluators/intent.js';

describe('TradeIntentSchema', () => {
  it('when only the essentials are given, then the defaults are filled in and the symbol is upper-cased', () => {
    expect(TradeIntentSchema.parse({ symbol: ' aapl ', side: 'long', entry: 185 })).toEqual({
      symbol: 'AAPL',
      side: 'long',
      entry: 185,
      timeframe: '1d',
      targets: [],
      orderType: 'limit',
    });
  });

  it.each([
    ['an unknown key', { extra: 1 }, 'extra'],
    ['a symbol with spaces', { symbol: 'AA PL' }, 'symbol'],
    ['a negative entry', { entry: -5 }, 'entry'],
    ['an infinite entry', { entry: Number.POSITIVE_INFINITY }, 'entry'],
    ['an unknown timeframe', { timeframe: '2h' }, 'timeframe'],
    ['a fractional time stop', { timeStopBars: 2.5 }, 'timeStopBars'],
    ['a thesis over 2000 characters', { thesis: 'x'.repeat(2001) }, 'thesis'],
    ['a stop above a long entry', { stop: 190 }, 'stop'],
    ['a target below a long entry', { targets: [180] }, 'targets'],
  ])('when the intent has %s, then it is rejected at %s', (_what, patch, path) => {
    const result = TradeIntentSchema.safeParse({ symbol: 'AAPL', side: 'long', entry: 185, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.') || i.message)).toContainEqual(
      expect.stringContaining(path),
    );
  });
});

describe('coherenceProblems', () => {
  it.each([
    [{ side: 'long', entry: 100, stop: 95, targets: [110] }, []],
    [{ side: 'short', entry: 100, stop: 105, targets: [90] }, []],
    [{ side: 'long', entry: 100 }, []],
    [{ side: 'long', entry: 100, stop: 100 }, ['stop']],
    [{ side: 'long', entry: 100, stop: 105, targets: [90, 110, 100] }, ['stop', 'targets', 'targets']],
    [{ side: 'short', entry: 100, stop: 95, targets: [105] }, ['stop', 'targets']],
  ] as const)('when the levels are %j, then the problem fields are %j', (intent, fields) => {
    expect(
      coherenceProblems({ ...intent, targets: 'targets' in intent ? [...intent.targets] : undefined }).map(
        (p) => p.field,
      ),
    ).toEqual(fields);
  });
});
