import type { Token } from './tokens.js';
import { TIMEFRAME_WORDS } from './vocabulary.js';

// Numbers about the trader rather than the trade: "I have 50k", "traded for 30 years",
// "a 25k account". Left unread, they would become an entry or an "unlabelled number".
const OWNING = new Set(['have', 'got', 'had', 'own', 'with']);
const FILLERS = new Set(['a', 'an', 'about', 'around', 'roughly', 'like', 'only', 'just', '~']);
const DURATIONS = new Set(['year', 'years', 'yr', 'yrs', 'month', 'months', 'decade', 'decades']);
const ACCOUNT_WORDS = new Set(['account', 'acct', 'portfolio', 'equity', 'capital', 'balance', 'savings']);
const IS_NUMBER = /^[$]?\d[\d,]*(?:\.\d+)?[km]?$/;

/** Indexes of number tokens that describe the trader (money owned, years of experience), not prices. */
export function traderNumbers(tokens: readonly Token[]): Set<number> {
  const found = new Set<number>();
  tokens.forEach((token, i) => {
    if (!IS_NUMBER.test(token.text)) return;
    let back = i - 1;
    while (back >= 0 && FILLERS.has(tokens[back]?.text ?? '')) back--;
    const before = tokens[back]?.text ?? '';
    const after = tokens[i + 1]?.text ?? '';
    const owned = OWNING.has(before) && !['stop', 'target', 'entry'].includes(after);
    if (owned || DURATIONS.has(after) || ACCOUNT_WORDS.has(after) || ACCOUNT_WORDS.has(before)) found.add(i);
  });
  return found;
}

const NOT_A_NUMBER = /^[-+]?(?:nan|inf|infinity|undefined|null)$/;
// "7q", "3y": a number with a unit that reads like a timeframe nobody offers. Amounts (2k, 1m),
// R multiples (3r), multipliers (2x), ATRs and ordinals are other things.
const UNIT_LIKE = /^\d+(?:\.\d+)?([a-z]{1,3})$/;
const OTHER_UNITS = new Set([
  'k',
  'm',
  'r',
  'x',
  'atr',
  'pct',
  'st',
  'nd',
  'rd',
  'th',
  'am',
  'pm',
  'bps',
  'bp',
]);
const OFFERED = '1m, 5m, 15m, 30m, 1h, 4h, 1d (daily), 1w (weekly), 1mo (monthly)';

/**
 * What is wrong with a value the trader typed, in words, or undefined when nothing is: a price
 * that is not a number ("NaN", "Infinity") or a timeframe we do not know ("7q"). `afterTimeframeWord`
 * is true after "tf" or "timeframe", where any unknown word is a timeframe.
 */
export function valueProblem(token: Token, afterTimeframeWord = false): string | undefined {
  if (NOT_A_NUMBER.test(token.text))
    return `"${token.raw}" is not a number: give prices as numbers, e.g. 185.50`;
  if (TIMEFRAME_WORDS[token.text]) return undefined;
  const unit = UNIT_LIKE.exec(token.text)?.[1];
  if (afterTimeframeWord || (unit !== undefined && !OTHER_UNITS.has(unit)))
    return `"${token.raw}" is not a timeframe I know: use one of ${OFFERED}`;
  return undefined;
}
