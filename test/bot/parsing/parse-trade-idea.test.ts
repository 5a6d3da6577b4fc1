import { describe, expect, it } from 'vitest';
import { parseTradeIdea, type TradeIdeaParse } from '../../../src/bot/parsing/index.js';
import type { TradeIntentInput } from '../../../src/evaluators/intent.js';

/** What the chat surfaces pass: symbols from the tickers table, the last close for "at market". */
const KNOWN = new Set(['AAPL', 'SPX', 'TSLA', 'MSFT', 'NVDA', 'SPY', 'QQQ', 'GME', 'ES', 'BRK.B']);
const options = {
  isKnownSymbol: (s: string) => KNOWN.has(s),
  marketPrice: (s: string) => (s === 'AAPL' ? 186.25 : undefined),
};

const DEFAULTS = { timeframe: '1d', orderType: 'limit', targets: [] } as const;

function intentOrFail(parse: TradeIdeaParse) {
  if (parse.kind !== 'intent') throw new Error(`expected an intent, got ${JSON.stringify(parse)}`);
  return parse.intent;
}

const AAPL: Partial<TradeIntentInput> = {
  symbol: 'AAPL',
  side: 'long',
  entry: 185,
  stop: 180,
  targets: [195],
};

const PHRASINGS: [string, Partial<TradeIntentInput>][] = [
  ['long AAPL 185 stop 180 target 195 risk 1%', { ...AAPL, size: { kind: 'risk-pct', value: 1 } }],
  [
    'short SPX @ 2870 sl 2950 tp 2700 size 10',
    {
      symbol: 'SPX',
      side: 'short',
      entry: 2870,
      stop: 2950,
      targets: [2700],
      size: { kind: 'shares', value: 10 },
    },
  ],
  [
    'SPX buy entry=2870 stop=2790 t=3050',
    { symbol: 'SPX', side: 'long', entry: 2870, stop: 2790, targets: [3050] },
  ],
  [
    'buy 100 AAPL at 185, stop 180, targets 195 and 200',
    { ...AAPL, targets: [195, 200], size: { kind: 'shares', value: 100 } },
  ],
  [
    '$tsla long 250 sl 240 tp 270/290 risk $300',
    {
      symbol: 'TSLA',
      side: 'long',
      entry: 250,
      stop: 240,
      targets: [270, 290],
      size: { kind: 'risk-amount', value: 300 },
    },
  ],
  [
    'Short spx 2,870 stop 2,950 tgt 2,700',
    { symbol: 'SPX', side: 'short', entry: 2870, stop: 2950, targets: [2700] },
  ],
  [
    'long AAPL 185 stop 180 tp 195 4h time stop 10 bars swing because earnings drift and a clean base',
    {
      ...AAPL,
      timeframe: '4h',
      timeStopBars: 10,
      holdingHorizon: 'swing',
      thesis: 'earnings drift and a clean base',
    },
  ],
  ['long AAPL 185 stop 180 target 195 size 1.5k', { ...AAPL, size: { kind: 'shares', value: 1500 } }],
  ['long AAPL 185 stop 180 target 195 2k notional', { ...AAPL, size: { kind: 'notional', value: 2000 } }],
  ['long AAPL 185 stop 180 target 195 risk 1.5k', { ...AAPL, size: { kind: 'risk-amount', value: 1500 } }],
  ['long AAPL 185 stop 180 target 195 $5000 position', { ...AAPL, size: { kind: 'notional', value: 5000 } }],
  ['long AAPL 185 stop 180 target 195 size $2000', { ...AAPL, size: { kind: 'notional', value: 2000 } }],
  ['long AAPL 185 stop 180 target 195 position size 100', { ...AAPL, size: { kind: 'shares', value: 100 } }],
  ['long AAPL 185 stop 180 target 195 qty 200', { ...AAPL, size: { kind: 'shares', value: 200 } }],
  ['long AAPL 185 stop 180 target 195 200 shares', { ...AAPL, size: { kind: 'shares', value: 200 } }],
  ['long AAPL 185 stop 180 target 195 300 risk', { ...AAPL, size: { kind: 'risk-amount', value: 300 } }],
  ['long AAPL 185 stop 180 target 195 x 100', { ...AAPL, size: { kind: 'shares', value: 100 } }],
  [
    'short SPX 2870 stop 2950 target 2700 10 contracts',
    {
      symbol: 'SPX',
      side: 'short',
      entry: 2870,
      stop: 2950,
      targets: [2700],
      size: { kind: 'shares', value: 10 },
    },
  ],
  [
    'short ES 4500 stop 4520 target 4450 size 2 contracts',
    {
      symbol: 'ES',
      side: 'short',
      entry: 4500,
      stop: 4520,
      targets: [4450],
      size: { kind: 'shares', value: 2 },
    },
  ],
  [
    'long AAPL 185 stop 180 targets 195 200 500 shares',
    { ...AAPL, targets: [195, 200], size: { kind: 'shares', value: 500 } },
  ],
  ['buy AAPL 185.50 stop 183.25 target 190.75', { ...AAPL, entry: 185.5, stop: 183.25, targets: [190.75] }],
  [
    'long NVDA entry: 450 stop: 430 target: 500',
    { symbol: 'NVDA', side: 'long', entry: 450, stop: 430, targets: [500] },
  ],
  [
    'going long MSFT at 410, sl 400, tp 430, risking 0.5%',
    {
      symbol: 'MSFT',
      side: 'long',
      entry: 410,
      stop: 400,
      targets: [430],
      size: { kind: 'risk-pct', value: 0.5 },
    },
  ],
  [
    'short TSLA 250 stop 260 targets 230, 220, 210',
    { symbol: 'TSLA', side: 'short', entry: 250, stop: 260, targets: [230, 220, 210] },
  ],
  ['AAPL long 185 stop loss 180 take profit 195', AAPL],
  ['long aapl 185 stop 180 target 195', AAPL],
  ['buy 50 shares AAPL at 185 stop 180 target 195', { ...AAPL, size: { kind: 'shares', value: 50 } }],
  ['long AAPL 185 SL 180 TP1 195 TP2 200', { ...AAPL, targets: [195, 200] }],
  [
    'sell SPY 450 stop 455 target 440 risk 0.5 %',
    {
      symbol: 'SPY',
      side: 'short',
      entry: 450,
      stop: 455,
      targets: [440],
      size: { kind: 'risk-pct', value: 0.5 },
    },
  ],
  [
    'long QQQ 380 stop 375 target 390 on the 1h',
    { symbol: 'QQQ', side: 'long', entry: 380, stop: 375, targets: [390], timeframe: '1h' },
  ],
  ['long AAPL 185 stop 180 target 195 daily', AAPL],
  ['long AAPL 185 stop 180 target 195 weekly', { ...AAPL, timeframe: '1w' }],
  ['long AAPL 185 stop 180 target 195 tf 4h', { ...AAPL, timeframe: '4h' }],
  ['long AAPL 185 stop 180 target 195 15m', { ...AAPL, timeframe: '15m' }],
  ['long AAPL 185 stop 180 target 195 1m', { ...AAPL, timeframe: '1m' }],
  ['long AAPL 185 stop 180 target 195 m15', { ...AAPL, timeframe: '15m' }],
  ['long AAPL 185 stop 180 target 195 1mo', { ...AAPL, timeframe: '1M' }],
  ['long AAPL 185 stop 180 target 195 time stop 2 weeks', { ...AAPL, timeStopBars: 10 }],
  ['long AAPL 185 stop 180 tp 195 timestop 5 days', { ...AAPL, timeStopBars: 5 }],
  ['long AAPL 185 stop 180 target 195 1h time stop 12', { ...AAPL, timeframe: '1h', timeStopBars: 12 }],
  ['long AAPL 185 stop 180 target 195, scalp', { ...AAPL, holdingHorizon: 'intraday' }],
  ['long AAPL 185 stop 180 target 195 (swing)', { ...AAPL, holdingHorizon: 'swing' }],
  ['long AAPL 185 stop 180 target 195 position', { ...AAPL, holdingHorizon: 'position' }],
  ['long AAPL $185 stop $180 target $195', AAPL],
  ['long AAPL @185 stop 180 target 195', AAPL],
  ['Long AAPL @ 185 SL: 180 TP: 195', AAPL],
  ['Long AAPL 185. Stop 180. Target 195.', AAPL],
  [
    'long BRK.B 410 stop 400 target 430',
    { symbol: 'BRK.B', side: 'long', entry: 410, stop: 400, targets: [430] },
  ],
  ['bullish AAPL 185 stop 180 target 195', AAPL],
  [
    'short GME at 25 stop 28 tp 20 risk $200',
    {
      symbol: 'GME',
      side: 'short',
      entry: 25,
      stop: 28,
      targets: [20],
      size: { kind: 'risk-amount', value: 200 },
    },
  ],
  ['long AAPL 185 stop 180 target 195 risk 1pct', { ...AAPL, size: { kind: 'risk-pct', value: 1 } }],
  ['long AAPL 185 stop 180 target 195 1% risk', { ...AAPL, size: { kind: 'risk-pct', value: 1 } }],
  ['long AAPL 185 stop 180 target 195 risk of 1%', { ...AAPL, size: { kind: 'risk-pct', value: 1 } }],
  ['long AAPL 185 stop 180 target 195 risk usd300', { ...AAPL, size: { kind: 'risk-amount', value: 300 } }],
  ['long AAPL e 185 s 180 t 195', AAPL],
  ['long AAPL 185 stop 180 to 195', AAPL],
  ['long AAPL 185 stop-loss 180 take-profit 195', AAPL],
  ['long AAPL 185 stp 180 tgt 195', AAPL],
  ['long AAPL entry 185 invalidation 180 objective 195', AAPL],
  ['long AAPL entry at 185 stop loss at 180 target at 195', AAPL],
  ['long AAPL 185 stop @ 180 tp @ 195', AAPL],
  ['I want to buy AAPL at 185 with a stop at 180 and a target of 195', AAPL],
  ['thinking about going long AAPL around 185, stop 180, target 195', AAPL],
  ['buy AAPL @ 185 | stop 180 | target 195', AAPL],
  ['AAPL: long 185, stop 180, target 195', AAPL],
  ['long AAPL 185 stop 180 target 195 and 200 then 210', { ...AAPL, targets: [195, 200, 210] }],
  [
    'sell 200 TSLA at 250 stop 260 target 230',
    {
      symbol: 'TSLA',
      side: 'short',
      entry: 250,
      stop: 260,
      targets: [230],
      size: { kind: 'shares', value: 200 },
    },
  ],
  [
    'short AAPL 185 stop 190 target 175 size 0.5k',
    {
      symbol: 'AAPL',
      side: 'short',
      entry: 185,
      stop: 190,
      targets: [175],
      size: { kind: 'shares', value: 500 },
    },
  ],
  [
    'long AAPL 185 stop 180 target 195 thesis: breakout from a 6-week base',
    { ...AAPL, thesis: 'breakout from a 6-week base' },
  ],
  ['long AAPL at market stop 180 target 195', { ...AAPL, entry: 186.25, orderType: 'market' }],
];

describe('parseTradeIdea on real-world phrasings', () => {
  it.each(PHRASINGS)('when a trader types "%s", then the intent is exactly %j', (text, fields) => {
    expect(intentOrFail(parseTradeIdea(text, options))).toEqual({ ...DEFAULTS, ...fields });
  });

  it('when the table is counted, then it holds at least 40 phrasings', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(40);
  });
});

const BAD: [string, string, RegExp][] = [
  [
    'stop above a long entry',
    'long AAPL 185 stop 190 target 195',
    /stop must be below the entry, but 190 is above 185 \(did you mean short\?\)/,
  ],
  [
    'stop below a short entry',
    'short AAPL 185 stop 180 target 175',
    /stop must be above the entry, but 180 is below 185 \(did you mean long\?\)/,
  ],
  [
    'a long target behind the entry',
    'long AAPL 185 stop 180 target 175',
    /for a long a target must be above the entry, but 175 is at or below 185/,
  ],
  [
    'a short target behind the entry',
    'short AAPL 185 stop 190 target 195',
    /for a short a target must be below the entry, but 195 is at or above 185/,
  ],
  ['a target equal to the entry', 'long AAPL 185 stop 180 target 185', /185 is at or below 185/],
  [
    'a stop equal to the entry',
    'long AAPL 185 stop 185 target 195',
    /the stop \(185\) equals the entry: there is no risk distance/,
  ],
  ['a missing entry', 'long AAPL stop 180 target 195', /an entry price, e.g\. "at 185"/],
  ['"at market" with no known price', 'long TSLA at market stop 240 target 270', /an entry price/],
  ['unlabelled numbers', 'long AAPL 185 180 195', /I could not tell what 180, 195 are: label it/],
  ['one unlabelled number', 'long AAPL 185 stop 180 target 195 over 10 days', /I could not tell what 10 is/],
  ['slashes instead of labels', 'long AAPL 185 / 180 / 195', /I could not tell what 180, 195 are/],
  ['a missing symbol', 'long 185 stop 180 target 195', /which instrument\? Name the symbol/],
  ['an unknown lower-case symbol', 'short xyzq 2870 stop 2950', /which instrument\?/],
  ['a symbol longer than any ticker', 'long THISISWAYTOOLONG 185 stop 180 target 195', /which instrument\?/],
  ['a missing side', 'AAPL 185 stop 180 target 195', /long or short\?/],
  ['a bare side word', 'buy', /which instrument\?/],
  ['a side and a symbol only', 'long AAPL', /an entry price/],
  ['a zero entry', 'long AAPL 0 stop 180 target 195', /the entry \(0\) must be a positive price/],
  ['a zero stop', 'long AAPL 185 stop 0 target 195', /stop: must be a positive price/],
  [
    'a risk above 100% of equity',
    'long AAPL 185 stop 180 target 195 risk 150%',
    /risk per trade cannot exceed 100% of equity/,
  ],
  ['a risk of 0%', 'long AAPL 185 stop 180 target 195 risk 0%', /a risk of 0% is no trade/],
  [
    'a time stop of 5000 bars',
    'long AAPL 185 stop 180 target 195 time stop 5000 bars',
    /a time stop over 1000 bars is no time stop/,
  ],
  ['six targets', 'long AAPL 185 stop 180 targets 190 195 200 205 210 215', /at most 5 targets/],
  [
    'an entry of 1e300',
    'long AAPL entry 1e300 stop 180',
    /the entry \(1e\+300\) is above the largest price; prices from 0\.00000001 to 10,000,000 are accepted/,
  ],
  ['an entry past 1e308', 'long AAPL 1e309 stop 180', /the entry \(Infinity\) must be a finite number/],
  ['a target past 1e308', 'long AAPL 185 stop 180 target 1e309', /targets\.0: must be a finite number/],
  ['an 11-digit entry', 'long AAPL 99999999999 stop 180', /is above the largest price/],
  ['a negative stop', 'long AAPL 185 stop -5 target 195', /stop: must be a positive price; prices from/],
  ['a negative entry', 'short AAPL -185 stop 190', /the entry \(-185\) must be a positive price/],
  [
    'a trillion shares',
    'long AAPL 185 stop 180 size 1000000000000 shares',
    /size\.value: 1,000,000,000,000 is too large; share counts above 0 and up to 1,000,000,000 are accepted/,
  ],
  [
    'a risk amount of 1e20',
    'long AAPL 185 stop 180 risk $1e20',
    /size\.value: 1e\+20 is too large; risk amounts above 0 and up to 1,000,000,000 are accepted/,
  ],
  ['zero shares', 'long AAPL 185 stop 180 size 0 shares', /a share count must be positive; share counts/],
];

describe('parseTradeIdea on bad or incomplete ideas', () => {
  it.each(BAD)('when the idea has %s ("%s"), then the problem says %s', (_what, text, problem) => {
    const parse = parseTradeIdea(text, options);
    if (parse.kind !== 'incomplete') throw new Error(`expected incomplete, got ${JSON.stringify(parse)}`);
    expect(
      parse.problems.some((p) => problem.test(p)),
      parse.problems.join(' | '),
    ).toBe(true);
  });

  it('when the table is counted, then it holds at least 20 bad inputs', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(20);
  });

  it('when a long has both the stop and the target on the short side, then both problems are listed', () => {
    const parse = parseTradeIdea('long AAPL 185 stop 190 target 175', options);
    expect(parse.kind === 'incomplete' && parse.problems).toEqual([
      'for a long the stop must be below the entry, but 190 is above 185 (did you mean short?)',
      'for a long a target must be above the entry, but 175 is at or below 185',
    ]);
  });

  it('when the symbol is missing and a stop is on the wrong side, then both problems are listed at once', () => {
    const parse = parseTradeIdea('sell 185 stop 180', options);
    expect(parse.kind === 'incomplete' && parse.problems).toEqual([
      'which instrument? Name the symbol, e.g. AAPL or SPX',
      'for a short the stop must be above the entry, but 180 is below 185 (did you mean long?)',
    ]);
  });
});

describe('parseTradeIdea on text that is not a trade idea', () => {
  it.each([
    ['what is ATR?'],
    [''],
    ['   '],
    ['185 180 195'],
    ['hello buddy'],
    ['how do I size a position?'],
    ['what does RSI 70 mean?'],
    ['is MACD above 0 a good sign?'],
    ['entry 185 stop 180 target 195'],
  ])('when the text is %j, then it is not read as an idea', (text) => {
    expect(parseTradeIdea(text, options)).toEqual({ kind: 'none' });
  });
});

describe('parseTradeIdea without a list of known symbols', () => {
  it.each([
    ['long AAPL 185 stop 180 target 195', 'AAPL'],
    ['long $aapl 185 stop 180 target 195', 'AAPL'],
    ['long X 185 stop 180 target 195', undefined],
    ['long aapl 185 stop 180 target 195', undefined],
  ])('when the text is "%s", then the symbol read is %s', (text, symbol) => {
    expect(parseTradeIdea(text).kind === 'none').toBe(false);
    const parse = parseTradeIdea(text);
    expect(parse.kind === 'none' ? undefined : parse.slots.symbol).toBe(symbol);
  });

  it.each([
    ['long X 185 stop 180 target 195', { symbol: 'X', side: 'long', entry: 185, stop: 180, targets: [195] }],
    [
      'buy 100 T at 17 stop 16 target 19',
      { symbol: 'T', side: 'long', entry: 17, stop: 16, targets: [19], size: { kind: 'shares', value: 100 } },
    ],
    ['T long 17 stop 16 t 19', { symbol: 'T', side: 'long', entry: 17, stop: 16, targets: [19] }],
    ['long AAPL 185 S 180 T 195', { symbol: 'AAPL', side: 'long', entry: 185, stop: 180, targets: [195] }],
  ])('when single-letter tickers are known and the text is "%s", then the intent is %j', (text, fields) => {
    const known = new Set(['X', 'T', 'S', 'AAPL']);
    expect(intentOrFail(parseTradeIdea(text, { isKnownSymbol: (s) => known.has(s) }))).toEqual({
      ...DEFAULTS,
      ...fields,
    });
  });
});
