import { parseAmount, parsePercent } from './numbers.js';
import type { Token } from './tokens.js';

/**
 * A stop or target given as a distance from the entry rather than a price: "1.5 ATR", "2%",
 * "$5 below", "3R". Which side of the entry it lies on follows from the trade's side, so the
 * caller resolves it once the side, the entry (and for ATR the market) are known.
 */
export interface Offset {
  unit: 'atr' | 'pct' | 'points' | 'r';
  value: number;
}

const ATR_WORDS = new Set(['atr', 'atrs']);
// Not 'pt': it is a price target.
const POINT_WORDS = new Set(['points', 'point', 'pts', 'dollars', 'bucks']);
/** Words after a distance that only say where it is measured from ("2% below entry"). */
const DIRECTION_WORDS = new Set([
  'below',
  'above',
  'under',
  'over',
  'away',
  'off',
  'from',
  'the',
  'entry',
  'my',
]);

const positive = (value: number | undefined): number | undefined =>
  value !== undefined && value > 0 && Number.isFinite(value) ? value : undefined;

function read(tokens: Token[], at: number): { offset: Offset; next: number } | undefined {
  const token = tokens[at];
  if (!token) return undefined;
  const word = token.text;
  const next = tokens[at + 1]?.text ?? '';
  const glued = /^(\d+(?:\.\d+)?|\.\d+)(x?atrs?|r|:1)$/.exec(word);
  if (glued) {
    const value = positive(Number(glued[1]));
    const unit = glued[2] === 'r' || glued[2] === ':1' ? 'r' : 'atr';
    return value === undefined ? undefined : { offset: { unit, value }, next: at + 1 };
  }
  const percent = positive(parsePercent(word));
  if (percent !== undefined) return { offset: { unit: 'pct', value: percent }, next: at + 1 };
  const times = /^(\d+(?:\.\d+)?)x$/.exec(word);
  const value = positive(times ? Number(times[1]) : parseAmount(word));
  if (value === undefined) return undefined;
  if (ATR_WORDS.has(next)) return { offset: { unit: 'atr', value }, next: at + 2 };
  if (next === 'x' && ATR_WORDS.has(tokens[at + 2]?.text ?? ''))
    return { offset: { unit: 'atr', value }, next: at + 3 };
  if (next === 'r' || next === 'rr') return { offset: { unit: 'r', value }, next: at + 2 };
  if (POINT_WORDS.has(next)) return { offset: { unit: 'points', value }, next: at + 2 };
  // "$5 below": a dollar amount measured from the entry, not a $5 price.
  if (token.raw.startsWith('$') && DIRECTION_WORDS.has(next) && next !== 'the' && next !== 'my')
    return { offset: { unit: 'points', value }, next: at + 1 };
  return undefined;
}

function endOf(tokens: Token[], next: number): number {
  let end = next;
  while (DIRECTION_WORDS.has(tokens[end]?.text ?? '')) end++;
  return end;
}

/** Reads a distance starting at token `at` and marks its tokens (and "below entry") as used. */
export function claimOffset(tokens: Token[], at: number, used: Set<number>): Offset | undefined {
  if (used.has(at)) return undefined;
  const found = read(tokens, at);
  if (!found) return undefined;
  const end = endOf(tokens, found.next);
  for (let k = at; k < end; k++) used.add(k);
  return found.offset;
}

/** Where a distance starting at `at` ends (the index after it), or undefined when none starts there. */
export function offsetEnd(tokens: Token[], at: number): number | undefined {
  const found = read(tokens, at);
  return found ? endOf(tokens, found.next) : undefined;
}
