import { describe, expect, it } from 'vitest';
import {
  citationProblems,
  groundingProblems,
  sameFact,
  unsupportedNumbers,
} from '../../src/agents/grounding.js';
import type { AgentRecommendation } from '../../src/agents/schema.js';

const facts = {
  rsi14: 61.23,
  atr14: 2.5,
  closeVsEma50Atr: -0.44,
  trendState: 'uptrend',
  hasStop: true,
  marketCapBn: 1234.5,
  higherTimeframe: '1w',
};

function answer(
  factors: AgentRecommendation['key_factors'],
  reasoning = 'Momentum is positive.',
): AgentRecommendation {
  return { recommendation: 'BUY', confidence: 60, reasoning, key_factors: factors };
}

describe('sameFact', () => {
  it.each([
    [61.23, 61.23, true],
    [61.2, 61.23, true], // a trailing digit dropped
    [61, 61.23, true],
    [61.3, 61.23, false],
    [80, 61.23, false],
    ['61.23', 61.23, true],
    ['abc', 61.23, false],
    ['Uptrend', 'uptrend', true],
    ['downtrend', 'uptrend', false],
    [true, true, true],
    ['true', true, true],
    [false, true, false],
  ] as const)('when %j is cited for the fact %j, then it matches: %s', (cited, fact, expected) => {
    expect(sameFact(cited, fact)).toBe(expected);
  });
});

describe('citationProblems', () => {
  it('when every citation is on record, then there is nothing to report', () => {
    const a = answer([
      { factor: 'RSI', evidence: { kind: 'feature', name: 'rsi14', value: 61.2 } },
      { factor: 'Reading', evidence: { kind: 'chunk', chunkId: 'c1' } },
    ]);
    expect(citationProblems(a, facts, new Set(['c1']))).toEqual([]);
  });

  it.each([
    [{ kind: 'feature', name: 'rsi14', value: 80 }, 'cites rsi14 = 80, but the fact is 61.23'],
    [{ kind: 'feature', name: 'sma20', value: 100 }, 'cites sma20, which is not among the facts'],
    [{ kind: 'chunk', chunkId: 'made-up' }, 'cites passage made-up, which was not retrieved'],
  ] as const)('when a factor cites %j, then the problem is "%s"', (evidence, problem) => {
    expect(citationProblems(answer([{ factor: 'x', evidence }]), facts, new Set(['c1']))).toEqual([problem]);
  });
});

describe('unsupportedNumbers', () => {
  it.each([
    ['RSI14 at 61.2 and ATR 2.5 over EMA50.', []],
    ['The close is 0.44 ATR below EMA50 on 1w, as of 2020-04-17.', []],
    ['Market cap 1,234.5 bn; 3 of 5 signals agree.', []],
    ['RSI could reach 75 soon.', ['75']],
    ['A move to 4,321 is likely.', ['4,321']],
    ['Entry 185 with a stop at 180.', []], // numbers of the idea itself
  ] as const)('when the text is "%s", then the unsupported numbers are %j', (text, expected) => {
    expect(unsupportedNumbers(text, facts, [185, 180])).toEqual(expected);
  });

  it('when reasoning invents a number, then grounding reports it even if the citations are right', () => {
    const a = answer(
      [{ factor: 'RSI 61.23', evidence: { kind: 'feature', name: 'rsi14', value: 61.23 } }],
      'RSI 61.23 points to 70 next.',
    );
    expect(groundingProblems(a, facts, new Set(), [])).toEqual([
      'uses numbers that are not in the facts: 70',
    ]);
  });
});
