import { describe, expect, it } from 'vitest';
import { decide, keyFactors, stance, type Vote } from '../../../src/agents/rules/votes.js';
import { intentOf } from '../../helpers/context.js';

const vote = (direction: -1 | 0 | 1, weight = 1, fact = `f${Math.random()}`): Vote => ({
  factor: `vote ${direction}`,
  fact,
  direction,
  weight,
});

describe('decide', () => {
  it.each([
    // votes (direction x weight), coverage -> recommendation, confidence
    [[1, 1, 1, 1], 1, 'BUY', 95],
    [[-1, -1, -1, -1], 1, 'SELL', 95],
    [[1, 1, 1, -1], 1, 'BUY', 73], // net 0.5: 50 + 45 x 0.5 = 72.5
    [[1, -1], 1, 'HOLD', 55], // net 0: 40 + 60 x 0.25
    [[1, 1, -1, 0, 0], 1, 'HOLD', 43], // net 0.2: 40 + 60 x 0.05
    [[1, 0, 0, 0], 1, 'BUY', 61], // net 0.25 is enough: 50 + 45 x 0.25 = 61.25
    [[1, 1, 1, 1], 0.6, 'BUY', 57], // coverage scales: 0.6 x 95
    [[], 1, 'HOLD', 55],
  ] as const)(
    'when the votes are %j at coverage %s, then it says %s at %i',
    (directions, coverage, recommendation, confidence) => {
      const result = decide(
        directions.map((d) => vote(d)),
        coverage,
      );
      expect(result).toMatchObject({ recommendation, confidence });
    },
  );

  it('when a vote weighs more, then it moves the net more', () => {
    expect(decide([vote(1, 3), vote(-1, 1)], 1).net).toBeCloseTo(0.5);
    expect(decide([vote(1, 1), vote(-1, 3)], 1).net).toBeCloseTo(-0.5);
  });
});

describe('keyFactors', () => {
  it('when votes disagree, then the strongest vote against the decision stays in view', () => {
    const votes = [
      vote(1, 2, 'a'),
      vote(1, 1.5, 'b'),
      vote(1, 1, 'c'),
      vote(1, 1, 'd'),
      vote(1, 1, 'e'),
      vote(-1, 0.5, 'z'),
    ];
    const facts = { a: 1, b: 2, c: 3, d: 4, e: 5, z: 6 };
    const factors = keyFactors(votes, facts, decide(votes, 1), []);
    expect(factors.map((f) => (f.evidence.kind === 'feature' ? f.evidence.name : ''))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'z',
    ]);
  });

  it('when a vote names a fact that does not exist, then it is not cited', () => {
    const votes = [vote(1, 1, 'known'), vote(1, 1, 'missing')];
    expect(keyFactors(votes, { known: 1 }, decide(votes, 1), [])).toHaveLength(1);
  });
});

describe('stance', () => {
  it.each([
    ['BUY', 'long', 'This supports the long idea.'],
    ['SELL', 'long', 'This argues against the long idea.'],
    ['SELL', 'short', 'This supports the short idea.'],
    ['HOLD', 'short', 'No clear edge either way for this short idea.'],
  ] as const)('when the view is %s and the idea %s, then it reads "%s"', (rec, side, text) => {
    expect(stance(rec, intentOf({ side, entry: 100 }))).toBe(text);
  });
});
