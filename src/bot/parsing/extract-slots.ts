import type { PositionSize } from '../../evaluators/intent.js';
import type { Timeframe } from '../../market/types.js';
import { parseAmount, parsePercent } from './numbers.js';
import { claimOffset, offsetEnd, type Offset } from './relative.js';
import { claimTargets, findThesis, riskAt } from './claims.js';
import { traderNumbers, valueProblem } from './strict-values.js';
import { tokenize, type Token } from './tokens.js';
import {
  CONNECTORS,
  ENTRY_WORDS,
  HORIZON_WORDS,
  isGrammar,
  NOT_SYMBOLS,
  RISK_WORDS,
  SIDE_WORDS,
  SIZE_WORDS,
  STOP_WORDS,
  TARGET_WORDS,
  TIMEFRAME_WORDS,
} from './vocabulary.js';

/** Everything a message said about a trade idea; absent fields were not mentioned. */
export interface ExtractedSlots {
  symbol?: string;
  side?: 'long' | 'short';
  timeframe?: Timeframe;
  entry?: number;
  atMarket?: boolean;
  stop?: number;
  /** A stop given as a distance from the entry ("stop 1.5 ATR below", "stop 2%"). */
  stopOffset?: Offset;
  targets?: number[];
  /** A target given as a distance or a multiple of the risk ("target 3R", "target 2 ATR"). */
  targetOffset?: Offset;
  size?: PositionSize;
  holdingHorizon?: 'intraday' | 'swing' | 'position';
  timeStopBars?: number;
  thesis?: string;
  /** Numbers nobody claimed: the caller asks what they are rather than guessing. */
  unassigned: number[];
  /** Values given but unusable ("stop NaN", "7q"), each in words; never dropped silently. */
  invalid?: string[];
  /** Words the parser did not use (not grammar, not a slot): named back to the trader, never dropped silently; absent when none. */
  ignored?: string[];
}

const TIME_UNITS: Record<string, number> = {
  bar: 1,
  bars: 1,
  day: 1,
  days: 1,
  session: 1,
  sessions: 1,
  week: 5,
  weeks: 5,
};

/** Words between a label and its number ("stop loss at 180", "target of 195", "tp @ 195"). */

const SHARE_UNITS = new Set(['shares', 'sh', 'shs', 'contracts', 'units']);

function valueAt(tokens: Token[], at: number): number {
  let k = at;
  while (CONNECTORS.has(tokens[k]?.text ?? '')) k++;
  return k;
}

/**
 * Reads the slots of a trade idea from chat text. Pure: the symbol is whatever the text names
 * (in capitals, with a $, or known to `isKnownSymbol`); whether it exists is checked elsewhere.
 */
export function extractSlots(
  text: string,
  options: { isKnownSymbol?: (symbol: string) => boolean } = {},
): ExtractedSlots {
  const thesisAt = findThesis(text);
  const body = thesisAt ? text.slice(0, thesisAt.start) : text;
  const tokens = tokenize(body);
  const slots: ExtractedSlots = { unassigned: [] };
  if (thesisAt) slots.thesis = thesisAt.thesis;
  const used = new Set<number>(traderNumbers(tokens));
  const invalid = (problem: string) => (slots.invalid = [...(slots.invalid ?? []), problem]);
  const numberAt = (i: number): number | undefined => {
    const token = tokens[i];
    return token && !used.has(i) ? parseAmount(token.text) : undefined;
  };
  const claim = (i: number): number | undefined => {
    const value = numberAt(i);
    if (value !== undefined) used.add(i);
    return value;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const word = token.text;
    if (used.has(i)) continue;
    const next = tokens[i + 1]?.text;

    // Single-letter tickers (F, T, X) collide with labels ("t 195", "x 100"); typed in capitals
    // first in the message or right after the side ("long T", "buy 100 T"), a known one is the symbol.
    const afterSide =
      SIDE_WORDS[tokens[i - 1]?.text ?? ''] ??
      (used.has(i - 1) ? SIDE_WORDS[tokens[i - 2]?.text ?? ''] : undefined);
    if (
      !slots.symbol &&
      /^[A-Z]$/.test(token.raw) &&
      (i === 0 || afterSide) &&
      options.isKnownSymbol?.(token.raw)
    ) {
      slots.symbol = token.raw;
      used.add(i);
      continue;
    }
    if (SIDE_WORDS[word] && !slots.side) {
      slots.side = SIDE_WORDS[word];
      used.add(i);
      const quantity = numberAt(i + 1);
      // "buy 100 AAPL": a count right after the side and before the symbol is a share count.
      if (
        quantity !== undefined &&
        tokens[i + 2] &&
        isSymbolToken(tokens[i + 2] as Token, options.isKnownSymbol)
      ) {
        slots.size = { kind: 'shares', value: quantity };
        used.add(i + 1);
      }
      continue;
    }
    if (
      (word === 'time' && (next === 'stop' || next === 'stop-loss')) ||
      word === 'time-stop' ||
      word === 'timestop'
    ) {
      const at = word === 'time' ? i + 2 : i + 1;
      const bars = numberAt(at);
      if (bars !== undefined) {
        const unit = TIME_UNITS[tokens[at + 1]?.text ?? 'bars'] ?? 1;
        slots.timeStopBars = Math.round(bars * unit);
        [i, at, at + 1].forEach((k) => used.add(k));
        if (word === 'time') used.add(i + 1);
      }
      continue;
    }
    if (word === 'market' || word === 'mkt') {
      slots.atMarket = true;
      used.add(i);
      continue;
    }
    if (TIMEFRAME_WORDS[word] && (word.length > 1 || tokens[i - 1]?.text === 'tf')) {
      slots.timeframe = TIMEFRAME_WORDS[word];
      used.add(i);
      continue;
    }
    if ((word === 'tf' || word === 'timeframe') && next) {
      const problem = valueProblem(tokens[i + 1] as Token, true);
      if (problem) invalid(problem);
      else if (TIMEFRAME_WORDS[next]) slots.timeframe = TIMEFRAME_WORDS[next];
      used.add(i).add(i + 1);
      continue;
    }
    const problem = valueProblem(token);
    if (problem) {
      invalid(problem);
      used.add(i);
      continue;
    }
    // "position size 100" is a size, not a position-trade horizon.
    if (HORIZON_WORDS[word] && !(word === 'position' && next === 'size')) {
      slots.holdingHorizon = HORIZON_WORDS[word];
      used.add(i);
      continue;
    }
    // "1.5 ATR stop", "3R target": the distance comes before its label.
    const labelAt = offsetEnd(tokens, i);
    const label = labelAt === undefined ? '' : (tokens[labelAt]?.text ?? '');
    if (labelAt !== undefined && (STOP_WORDS.has(label) || TARGET_WORDS.has(label))) {
      const offset = claimOffset(tokens, i, used) as Offset;
      if (STOP_WORDS.has(label) && offset.unit !== 'r') slots.stopOffset = offset;
      else slots.targetOffset = offset;
      used.add(labelAt);
      continue;
    }
    if (STOP_WORDS.has(word)) {
      const offset = claimOffset(tokens, valueAt(tokens, i + 1), used);
      if (offset && offset.unit !== 'r') slots.stopOffset = offset;
      if (offset) continue;
      const value = claim(valueAt(tokens, i + 1));
      if (value !== undefined) slots.stop = value;
      continue;
    }
    if (TARGET_WORDS.has(word) || (word === 'take' && next === 'profit')) {
      const offset = claimOffset(tokens, valueAt(tokens, i + 1), used);
      if (offset) slots.targetOffset = offset;
      if (offset) continue;
      const targets = claimTargets(tokens, valueAt(tokens, i + 1), used);
      if (targets.length > 0) slots.targets = [...(slots.targets ?? []), ...targets];
      continue;
    }
    if (RISK_WORDS.has(word)) {
      const risk = riskAt(tokens, valueAt(tokens, i + 1), used);
      if (risk) slots.size = risk;
      continue;
    }
    if (SIZE_WORDS.has(word) && word !== 'shares' && word !== 'sh' && word !== 'shs') {
      // "size 2%": a size given as a percent is the risk as a share of equity.
      const pct = used.has(i + 1) ? undefined : parsePercent(tokens[i + 1]?.text ?? '');
      if (pct !== undefined) {
        slots.size = { kind: 'risk-pct', value: pct };
        used.add(i + 1);
        continue;
      }
      const value = claim(i + 1);
      if (value !== undefined)
        slots.size = tokens[i + 1]?.raw.startsWith('$')
          ? { kind: 'notional', value }
          : { kind: 'shares', value };
      continue;
    }
    if (ENTRY_WORDS.has(word)) {
      const value = claim(valueAt(tokens, i + 1));
      if (value !== undefined) slots.entry = value;
      continue;
    }
    const percent = parsePercent(word);
    if (percent !== undefined && (next === 'risk' || tokens[i - 1]?.text === 'risk')) {
      slots.size = { kind: 'risk-pct', value: percent };
      used.add(i);
      if (next === 'risk') used.add(i + 1);
      continue;
    }
    const amount = numberAt(i);
    if (amount !== undefined) {
      used.add(i);
      if (next !== undefined && SHARE_UNITS.has(next)) {
        slots.size = { kind: 'shares', value: amount };
        used.add(i + 1);
      } else if (next === 'risk') {
        slots.size = { kind: 'risk-amount', value: amount };
        used.add(i + 1);
      } else if (next === 'notional' || (token.raw.startsWith('$') && next === 'position')) {
        slots.size = { kind: 'notional', value: amount };
        used.add(i + 1);
      } else if (slots.entry === undefined && !slots.atMarket) {
        slots.entry = amount;
      } else {
        slots.unassigned.push(amount);
      }
      continue;
    }
    if (!slots.symbol && isSymbolToken(token, options.isKnownSymbol)) {
      slots.symbol = token.raw.replace(/^\$/, '').toUpperCase();
      used.add(i);
    }
  }
  const ignored = tokens
    .filter((t, i) => !used.has(i) && !isGrammar(t) && parseAmount(t.text) === undefined)
    .map((t) => t.raw);
  if (ignored.length > 0) slots.ignored = ignored;
  return slots;
}

function isSymbolToken(token: Token, isKnown?: (symbol: string) => boolean): boolean {
  if (/^\$[A-Za-z][A-Za-z0-9.]{0,9}$/.test(token.raw)) return true;
  // A known single-letter ticker in capitals, even when its lower case is a label ("T", "X").
  if (/^[A-Z]$/.test(token.raw) && (isKnown?.(token.raw) ?? false)) return true;
  if (NOT_SYMBOLS.has(token.text)) return false;
  if (/^[A-Z][A-Z0-9.]{0,9}$/.test(token.raw) && /[A-Z]{2}|^[A-Z]$/.test(token.raw))
    return token.raw.length > 1 || (isKnown?.(token.raw) ?? false);
  return /^[a-z][a-z0-9.]{0,9}$/i.test(token.raw) && (isKnown?.(token.raw.toUpperCase()) ?? false);
}
