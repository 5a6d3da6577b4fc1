import { afinn165FinancialMarketNews as WORDS } from 'afinn-165-financialmarketnews';
import { describe, expect, it } from 'vitest';
import { HEADLINE_SCORER, scoreHeadline, tokenize } from '../../../src/market/news/index.js';

const v = (word: string): number => {
  const value = WORDS[word];
  if (value === undefined) throw new Error(`${word} is not in the word list`);
  return value;
};

describe('scoreHeadline (AFINN-165, financial market news)', () => {
  it.each([
    ['Company beat estimates and raises guidance', ['beat', 'raises']],
    ['Shares plunge after profit warning', ['shares', 'plunge', 'profit', 'warning']],
    ['Record growth, strong gains', ['record', 'growth', 'strong', 'gains']],
    ['Regulator opens fraud investigation', ['fraud', 'investigation']],
  ])('when the headline is "%s", then the score is the sum of %j', (headline, words) => {
    const result = scoreHeadline(headline);
    expect(result.terms.map((t) => t.term)).toEqual(words);
    expect(result.score).toBe(words.reduce((s, w) => s + v(w), 0));
    expect(result.scoredWith).toBe(HEADLINE_SCORER);
  });

  it('when a word list entry spans several words or a hyphen, then the phrase is scored once', () => {
    const result = scoreHeadline('Better-than-expected quarter; investors cashing in');
    expect(result.terms.map((t) => t.term)).toEqual(['better-than-expected', 'cashing in']);
    expect(result.score).toBe(v('better-than-expected') + v('cashing in'));
  });

  it('when a negator comes before a scored word, then that word counts the other way', () => {
    expect(scoreHeadline('Company is not profitable').terms).toContainEqual({
      term: 'not profitable',
      value: -v('profitable'),
    });
    expect(scoreHeadline('No growth expected').terms.find((t) => t.term.endsWith('growth'))?.value).toBe(
      -v('growth'),
    );
  });

  it('when no word is in the list, then the score is 0 with no terms', () => {
    expect(scoreHeadline('Quarterly report published on Tuesday')).toMatchObject({ score: 0, terms: [] });
  });

  it('when the headline contains Object prototype names, then they are not words', () => {
    expect(scoreHeadline('constructor toString hasOwnProperty __proto__').terms).toEqual([]);
  });

  it('when the headline has curly apostrophes and punctuation, then tokens are plain words', () => {
    expect(tokenize('TCHA’s “big” win—again!')).toEqual(["tcha's", 'big', 'win', 'again']);
  });
});
