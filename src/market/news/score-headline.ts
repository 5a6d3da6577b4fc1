import { afinn165FinancialMarketNews as WORDS } from 'afinn-165-financialmarketnews';

export const HEADLINE_SCORER = 'afinn-165-financialmarketnews@3';

export interface HeadlineScore {
  /** Sum of the valences (-5..+5) of the scored terms; 0 when none matched. */
  score: number;
  terms: { term: string; value: number }[];
  scoredWith: string;
}

/*
 * Written here rather than with the `sentiment` package: that package scores against its own
 * AFINN-165 list with ours only as overrides, and its tokenizer drops the hyphenated and
 * multi-word entries ("better-than-expected", "cashing in") that the financial list adds.
 */

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'without',
  "don't",
  "doesn't",
  "didn't",
  "isn't",
  "wasn't",
  "won't",
  "can't",
  'cannot',
  'fails',
  'failed',
  'fail',
]);
const MAX_PHRASE = 3;
/** A negator flips the next scored term within this many tokens ("not a big loss"). */
const NEGATION_REACH = 3;

function valence(term: string): number | undefined {
  // The word list is a plain object: own keys only, so "constructor" is not a word.
  return Object.hasOwn(WORDS, term) ? WORDS[term] : undefined;
}

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .split(/[^a-z0-9'\u00e0-\u00ff-]+/)
    .map((t) => t.replace(/^['-]+|['-]+$/g, ''))
    .filter((t) => t.length > 0);
}

/**
 * AFINN tone of a headline with the financial-news word list: longest phrase first (up to three
 * words), words with and without their apostrophe, and a preceding negator flips a term's sign.
 */
export function scoreHeadline(headline: string): HeadlineScore {
  const tokens = tokenize(headline);
  const terms: HeadlineScore['terms'] = [];
  let negateUntil = -1;
  for (let i = 0; i < tokens.length; ) {
    let matched = false;
    for (let n = Math.min(MAX_PHRASE, tokens.length - i); n >= 1; n -= 1) {
      const phrase = tokens.slice(i, i + n).join(' ');
      const value = valence(phrase) ?? (n === 1 ? valence(phrase.replace(/'/g, '')) : undefined);
      if (value === undefined) continue;
      const negated = i <= negateUntil && !NEGATORS.has(phrase);
      terms.push({ term: negated ? `not ${phrase}` : phrase, value: negated ? -value : value });
      if (negated) negateUntil = -1;
      if (NEGATORS.has(phrase)) negateUntil = i + NEGATION_REACH;
      i += n;
      matched = true;
      break;
    }
    if (!matched) {
      if (NEGATORS.has(tokens[i] ?? '')) negateUntil = i + NEGATION_REACH;
      i += 1;
    }
  }
  return { score: terms.reduce((s, t) => s + t.value, 0), terms, scoredWith: HEADLINE_SCORER };
}
