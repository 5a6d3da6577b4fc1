import { describe, expect, it } from 'vitest';
import { parseTradeIdea } from '../../../src/bot/parsing/index.js';
import { route } from '../../../src/bot/router.js';

const KNOWN = new Set(['SPX', 'TCHA', 'FINA', 'NRGA']);
const isKnownSymbol = (s: string) => KNOWN.has(s.toUpperCase());
const problemsOf = (text: string) => {
  const parsed = parseTradeIdea(text, { isKnownSymbol });
  return parsed.kind === 'incomplete' ? parsed.problems.join(' | ') : parsed.kind;
};

describe('the strict trade-idea parser', () => {
  it.each([
    ['long TCHA -5 stop 570 target 680', /the entry \(-5\) must be a positive price/],
    ['long TCHA 0 stop 570 target 680', /the entry \(0\) must be a positive price/],
    ['long TCHA 1e309 stop 570 target 680', /the entry \(Infinity\) must be a finite number/],
    ['long TCHA NaN stop 570 target 680', /"NaN" is not a number/],
    ['long TCHA 600 stop NaN target 680', /"NaN" is not a number/],
    ['long TCHA 600 stop 570 target Infinity', /"Infinity" is not a number/],
    ['long TCHA 600 stop -5 target 680', /stop: must be a positive price/],
    ['long TCHA 600 stop 570 target 99999999', /above the largest price/],
    ['long TCHA 600 stop 570 target 680 7q', /"7q" is not a timeframe I know: use one of 1m, 5m/],
    ['long TCHA 600 stop 570 target 680 tf 7q', /"7q" is not a timeframe I know/],
    ['long TCHA 600 stop 570 target 680 timeframe fortnightly', /"fortnightly" is not a timeframe I know/],
  ])(
    'when the idea is "%s", then the answer names the problem (%s) instead of dropping it',
    (text, problem) => {
      expect(problemsOf(text)).toMatch(problem);
    },
  );

  it.each([
    'I have 50k, long TCHA 600 stop 570 target 680',
    'long TCHA 600 stop 570 target 680, I have 50k',
    'traded for 30 years, long TCHA 600 stop 570 target 680',
    'long TCHA 600 stop 570 target 680 traded for 30 years',
    'long TCHA 600 stop 570 target 680 with a 25k account',
  ])('when "%s" mentions money owned or years traded, then those are not prices', (text) => {
    const parsed = parseTradeIdea(text, { isKnownSymbol });
    expect(parsed.kind).toBe('intent');
    if (parsed.kind !== 'intent') return;
    expect(parsed.intent).toMatchObject({ entry: 600, stop: 570, targets: [680] });
    expect(parsed.slots.unassigned).toEqual([]);
  });

  it.each([
    ['long TCHA 600 stop 570 target 680 4h', '4h'],
    ['long TCHA 600 stop 570 target 680 weekly', '1w'],
    ['long TCHA 600 stop 570 target 680 tf 1h', '1h'],
  ])('when "%s" names a known timeframe, then it is used (%s)', (text, timeframe) => {
    const parsed = parseTradeIdea(text, { isKnownSymbol });
    expect(parsed.kind === 'intent' && parsed.intent.timeframe).toBe(timeframe);
  });
});

describe('requests for a prediction, a side or a promise get the no-predictions redirect', () => {
  const flowOf = (text: string) =>
    route({ platform: 'cli', workspace: 'w', channel: 'c', thread: '', user: 'u', text }, isKnownSymbol).flow
      .id;

  it.each([
    'buy or sell SPX?',
    'bullish or bearish?',
    'just your opinion',
    'if you were me would you buy TCHA',
    'good idea right?',
    'promise me this works',
    "what's the probability TCHA goes up?",
    'how much will I make on this?',
    'should I buy TCHA?',
    'will the market go up tomorrow?',
  ])('when "%s" is typed, then no side is chosen and the redirect answers', (text) => {
    expect(flowOf(text)).toBe('no-predictions');
  });

  it.each([
    ['long TCHA 600 stop 570 target 680, good idea right?', 'evaluate'],
    ["What's a price target in analyst reports?", 'ask'],
    ['what are the odds of a 10 loss streak with a 50% win rate?', 'ask'],
  ])('when "%s" is the trader\'s own plan or a question about a term, then it goes to %s', (text, flow) => {
    expect(flowOf(text)).toBe(flow);
  });
});
