import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  answerProblems,
  citation,
  extractiveAnswer,
  markers,
  retrievalStrength,
  trimToAnswer,
  workedNumber,
} from '../../../src/agents/answer/index.js';
import type { RetrievedChunk } from '../../../src/rag/index.js';

const hit = (over: Partial<RetrievedChunk>): RetrievedChunk => ({
  chunkId: 'a'.repeat(32),
  domain: 'risk',
  docPath: 'knowledge/risk/x.md',
  title: 'X',
  heading: 'X > Part',
  text: '',
  score: 0.03,
  ...over,
});

describe('worked numbers: position size from the question, by our arithmetic', () => {
  it.each([
    [
      'how big a position with 1% risk on a 50k account with a $2 stop',
      '250 shares',
      'risk budget = 50,000 × 1% = 500',
    ],
    [
      'how many shares with 0.5% risk on a 20k account, entry 50 and stop 48?',
      '50 shares',
      'risk per share = |50 − 48| = 2',
    ],
    [
      'position size for a $100,000 account risking 2% with a 3 dollar stop',
      '666 shares',
      'shares = 2,000 / 3 = 666',
    ],
    ['how many shares if I risk $500 with a $1.25 stop?', '400 shares', 'risk budget = 500'],
    [
      'account of 25k, 1% risk, entry 10.30 stop 10.10, what size?',
      '1,250 shares',
      'risk per share = |10.3 − 10.1| = 0.2',
    ],
  ])('when asked "%s", then the answer is %s', (question, result, step) => {
    const worked = workedNumber(question);
    expect(worked?.result).toBe(result);
    expect(worked?.steps).toContain(step.startsWith('shares') ? `${step} (rounded down)` : step);
  });

  it.each([
    [
      'what win rate do I need for a 2:1 reward to risk?',
      'break-even win rate = 1 / (1 + 2) = 33.33% (before costs)',
    ],
    ['break-even win rate at 1:3 risk reward', 'break-even win rate = 1 / (1 + 3) = 25% (before costs)'],
    ['how much do I need to gain to recover from a 30% drawdown?', 'gain needed = 30 / (100 − 30) = 42.86%'],
    ["I'm down 50%, how much to get back?", 'gain needed = 50 / (100 − 50) = 100%'],
  ])('when asked "%s", then the working is "%s"', (question, step) => {
    expect(workedNumber(question)?.steps).toEqual([step]);
  });

  it.each([
    'what is position sizing?',
    'how big should my position be?',
    'what does 1% risk mean?',
    'how big a position with 1% risk on a 50k account?',
    'what is a drawdown?',
    'what is the 2:3 ratio',
  ])('when "%s" lacks a budget or a per-share risk, then nothing is worked out', (question) => {
    expect(workedNumber(question)).toBeUndefined();
  });
});

describe('trimming a passage to the sentences that answer', () => {
  const text = [
    '## Heading',
    '',
    'Average True Range (ATR) measures how far a market typically travels in one bar.',
    'Weather is nice today. Nothing here matters.',
    'A stop placed 2 ATR away survives ordinary noise more often.',
  ].join('\n');

  it('when some sentences share the question terms, then only those are quoted, in order, gaps marked', () => {
    const quote = trimToAnswer(text, 'what is ATR and where do stops go?', { maxSentences: 2 });
    expect(quote).toBe(
      'Average True Range (ATR) measures how far a market typically travels in one bar. … A stop placed 2 ATR away survives ordinary noise more often.',
    );
  });

  it('when no sentence shares a term, then the opening sentences are quoted (no text invented)', () => {
    const quote = trimToAnswer(text, 'zzz', { maxSentences: 1 });
    expect(quote).toBe('Average True Range (ATR) measures how far a market typically travels in one bar.');
  });
});

describe('extractive answers and weak retrieval', () => {
  const strong = hit({
    text: 'Risk of ruin is the chance of losing the account. It grows with risk per trade.',
    title: 'Risk of ruin',
    heading: 'Risk of ruin',
    similarity: 0.55,
  });

  it('when the best passage fits, then it is quoted and cited', () => {
    const answer = extractiveAnswer('what is risk of ruin?', [strong]);
    expect(answer.kind).toBe('answer');
    if (answer.kind !== 'answer') return;
    expect(answer.passages[0]?.quote).toContain('Risk of ruin is the chance of losing the account.');
    expect(citation(answer.passages[0] ?? strong)).toBe(
      `knowledge/risk/x.md › Risk of ruin · chunk ${'a'.repeat(32)}`,
    );
  });

  it('when the best passage is far from the question, then the answer is "not covered" with the nearest documents', () => {
    const weak = hit({ text: 'Risk of ruin is the chance of losing the account.', similarity: 0.15 });
    const answer = extractiveAnswer('what is the capital of France?', [weak]);
    expect(answer).toMatchObject({ kind: 'not-covered', nearest: [{ docPath: 'knowledge/risk/x.md' }] });
    expect(retrievalStrength('what is the capital of France?', [weak])).toBeLessThan(0.425);
  });

  it('when nothing is retrieved, then the strength is 0 and nothing is quoted', () => {
    expect(extractiveAnswer('what is ATR?', [])).toMatchObject({
      kind: 'not-covered',
      strength: 0,
      nearest: [],
    });
  });
});

describe('grounding a model-written answer', () => {
  const passages = [
    hit({ chunkId: 'p1', text: 'Account 50,000, risk 1%, stop 2.00: 500 / 2.00 = 250 shares.' }),
  ];

  it.each([
    [{ text: 'With 50,000 and 1% the budget is 500.', chunkIds: ['p1'] }, []],
    [
      { text: 'The size is 333 shares.', chunkIds: ['p1'] },
      ['sentence 1 uses numbers that are in no passage: 333'],
    ],
    [{ text: 'The budget is 500.', chunkIds: ['zz'] }, ['sentence 1 cites passages that were not given: zz']],
  ])('when the model writes %j, then the problems are %j', (sentence, problems) => {
    expect(answerProblems({ sentences: [sentence] }, passages)).toEqual(problems);
  });

  it('when a number comes from our own working, then it is grounded', () => {
    const worked = workedNumber('how big a position with 1% risk on a 30k account with a $4 stop');
    expect(worked?.result).toBe('75 shares');
    expect(
      answerProblems(
        { sentences: [{ text: 'Budget 300, so 75 shares.', chunkIds: ['p1'] }] },
        passages,
        worked,
      ),
    ).toEqual([]);
  });

  it('when a sentence cites passages, then its markers follow the passage order', () => {
    expect(markers(['b', 'a'], [{ chunkId: 'a' }, { chunkId: 'c' }, { chunkId: 'b' }])).toBe('[1, 3]');
  });
});

describe('the labelled question set', () => {
  const set = JSON.parse(
    readFileSync(new URL('../../fixtures/answer-questions.json', import.meta.url), 'utf8'),
  ) as { questions: { id: string; covered: boolean; relevant: string[]; split: string }[] };

  it('when it is loaded, then a third is held out, both splits hold covered and uncovered questions, and every relevant file exists', () => {
    const held = set.questions.filter((q) => q.split === 'held-out');
    expect(held.length / set.questions.length).toBeCloseTo(1 / 3, 1);
    for (const split of ['tune', 'held-out'])
      for (const covered of [true, false])
        expect(set.questions.some((q) => q.split === split && q.covered === covered)).toBe(true);
    for (const path of set.questions.flatMap((q) => q.relevant))
      expect(() => readFileSync(new URL(`../../../${path}`, import.meta.url))).not.toThrow();
  });
});
