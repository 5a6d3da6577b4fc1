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

describe('TradeIntentSchema bounds', () => {
  it.each([
    [
      'entry',
      { entry: 1e300 },
      '1e+300 is above the largest price; prices from 0.00000001 to 10,000,000 are accepted',
    ],
    ['entry', { entry: Number.POSITIVE_INFINITY }, 'must be a finite number; prices from 0.00000001'],
    ['entry', { entry: 0 }, 'must be a positive price; prices from 0.00000001 to 10,000,000'],
    ['entry', { entry: 0.000000001 }, 'is below the smallest price'],
    ['entry', { entry: 10_000_001, stop: 9_000_000 }, '10,000,001 is above the largest price'],
    ['stop', { stop: -1 }, 'must be a positive price'],
    ['targets.0', { targets: [1e12] }, '1,000,000,000,000 is above the largest price'],
    ['size.value', { size: { kind: 'shares', value: 2e9 } }, 'share counts above 0 and up to 1,000,000,000'],
    ['size.value', { size: { kind: 'shares', value: -3 } }, 'a share count must be positive'],
    [
      'size.value',
      { size: { kind: 'notional', value: 1e11 } },
      'notional sizes above 0 and up to 10,000,000,000',
    ],
    ['size.value', { size: { kind: 'notional', value: 0 } }, 'a notional size must be positive'],
    [
      'size.value',
      { size: { kind: 'risk-amount', value: 5e9 } },
      'risk amounts above 0 and up to 1,000,000,000',
    ],
    [
      'size.value',
      { size: { kind: 'risk-pct', value: 100.5 } },
      'risk per trade cannot exceed 100% of equity',
    ],
    ['size.value', { size: { kind: 'risk-pct', value: 0 } }, 'a risk of 0% is no trade'],
    ['size.value', { size: { kind: 'risk-pct', value: Number.NaN } }, 'must be a finite number'],
    ['thesis', { thesis: 'breakout\u0000retest' }, 'contains a NUL character (U+0000) at position 9'],
    ['thesis', { thesis: 'gap \ud800 fill' }, 'contains an unpaired UTF-16 surrogate (U+D800) at position 5'],
  ])('when %s is out of bounds (%j), then the message says %j', (path, patch, message) => {
    const result = TradeIntentSchema.safeParse({ symbol: 'AAPL', side: 'long', entry: 185, ...patch });
    const issues = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(
      issues.some((i) => i.startsWith(`${path}: `) && i.includes(message)),
      issues.join(' | '),
    ).toBe(true);
  });

  it.each([
    [{ entry: 0.00000001 }],
    [{ entry: 9_999_990, stop: 9_999_000, targets: [10_000_000] }],
    [{ entry: 720_000, stop: 700_000, size: { kind: 'shares', value: 1_000_000_000 } }],
    [{ size: { kind: 'risk-pct', value: 100 } }],
    [{ size: { kind: 'shares', value: 0.5 } }],
    [{ thesis: 'emoji are fine 📈 and so are accents: déjà vu' }],
  ])('when the intent is at the edge of a bound (%j), then it is accepted', (patch) => {
    const result = TradeIntentSchema.safeParse({ symbol: 'AAPL', side: 'long', entry: 185, ...patch });
    expect(result.error?.issues ?? []).toEqual([]);
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
