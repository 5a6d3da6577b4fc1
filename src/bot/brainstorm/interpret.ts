import { extractSlots, type ExtractedSlots } from '../parsing/index.js';
import { tokenize } from '../parsing/tokens.js';
import { NOT_SYMBOLS, RISK_WORDS, SIZE_WORDS, STOP_WORDS, TARGET_WORDS } from '../parsing/vocabulary.js';
import type { SlotName } from './draft.js';

export type Control =
  | 'cancel'
  | 'discard'
  | 'resume'
  | 'evaluate'
  | 'save'
  | 'edit'
  | 'help'
  | 'skip'
  | 'accept'
  | 'flip';

/** What one message in brainstorm mode means. */
export type TurnInput =
  | { kind: 'control'; control: Control; level?: boolean }
  | { kind: 'clear'; slots: SlotName[] }
  | { kind: 'slots'; slots: ExtractedSlots; atMarket: boolean; clear: SlotName[] }
  | { kind: 'nothing' };

const CONTROLS: [Control, RegExp][] = [
  [
    'cancel',
    /^(cancel|stop brainstorming|never ?mind|forget (it|this|that)|abort|quit|exit|pause|leave it|done for now)( (it|this|that|brainstorm(ing)?|for now))?$/,
  ],
  [
    'discard',
    /^(discard|start over|start again|clear( the)? draft|reset|scrap (it|this|that)|throw (it|this) away)$/,
  ],
  ['resume', /^(resume|continue|back to (the|my) (draft|idea|plan)|where were we)$/],
  [
    'evaluate',
    /^(evaluate|eval|check|run|audit|score|go|go ahead)( (it|this|that|the draft|the plan|the idea|now))?$/,
  ],
  [
    'save',
    /^(save|journal|log)( (it|this|that|the chat|chat|the plan|the conversation))?( (to|in) (the |my )?journal)?$/,
  ],
  ['edit', /^(edit|show( me)?( the)? (draft|plan)|draft|status|summary|recap|change (it|something))$/],
  ['help', /^(help|\?|what can i say|commands|how does this work)$/],
  [
    'skip',
    /^(skip|pass|next|none|n\/?a|no idea|i don'?t know|don'?t know|dunno|not sure|later|no thanks)( (it|this|that|for now))?$/,
  ],
  ['flip', /^(flip( it)?|the other way( round)?|reverse( it)?|other side)$/],
  [
    'accept',
    /^(ok|okay|yes|yep|yeah|y|sure|fine|agreed|deal|use (that|it|this|the suggestion)|sounds good|do that|that works|go with that|take it|perfect)$/,
  ],
];

const LEADING_FILLER =
  /^(ok(ay)?|yes|yeah|sure|alright|great|cool|fine|please|pls|then|and|so|hmm+|well)\b[\s,!.]*/;
const LEVEL_WORDS =
  /^(use |at |under |below |above |over |just (under|below|above|over) )?(the )?(nearest )?(support|resistance|level|swing level)( level)?( then)?$/;
const CLEAR =
  /\b(no|remove|drop|clear|delete|without|scrap|forget)( the| a| any| my)? (targets?|stop|size|risk|thesis|horizon|entry)\b/g;
const MARKET =
  /\b(here|now|right now|current(ly)?( price| level)?|at the market|market price|last price|at the money)\b/;

/** Label words that mean the trader named the slot themselves; connectors like "at" do not count. */
const LABELS = new Set([
  ...STOP_WORDS,
  ...TARGET_WORDS,
  ...SIZE_WORDS,
  ...RISK_WORDS,
  'entry',
  'enter',
  'in',
  'limit',
  'lmt',
  'price',
]);
['s', 't', 'e', 'x', 'to'].forEach((w) => LABELS.delete(w));

const CLEAR_SLOT: Record<string, SlotName> = {
  target: 'target',
  targets: 'target',
  stop: 'stop',
  size: 'size',
  risk: 'size',
  thesis: 'thesis',
  horizon: 'horizon',
  entry: 'entry',
};

export function normalise(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ');
}

/**
 * Classifies a brainstorm message. Commands and answers like "ok" or "skip" are whole-message
 * matches, so "stop 178" is never read as "stop brainstorming". A bare answer ("178", "3R",
 * "half a percent") is read as the slot that was just asked for.
 */
export function interpret(
  text: string,
  asked: SlotName | undefined,
  isKnownSymbol: (s: string) => boolean,
): TurnInput {
  const plain = normalise(text);
  const stripped = plain.replace(LEADING_FILLER, '').trim();
  if (stripped === '' && plain !== '') return { kind: 'control', control: 'accept' };
  for (const [control, pattern] of CONTROLS) {
    if (pattern.test(stripped) || pattern.test(plain)) return { kind: 'control', control };
  }
  if (LEVEL_WORDS.test(stripped)) return { kind: 'control', control: 'accept', level: true };
  const cleared = [...plain.matchAll(CLEAR)].map((m) => CLEAR_SLOT[m[3] ?? ''] as SlotName);
  const rest = plain.replace(CLEAR, ' ').trim();
  if (cleared.length > 0 && !/\d/.test(rest)) return { kind: 'clear', slots: cleared };

  const options = { isKnownSymbol };
  const atMarket = MARKET.test(plain);
  const labelled = tokenize(text).some((t) => LABELS.has(t.text));
  let slots = slotsIn(text, options);
  // A sentence answering "why this trade?" is the thesis even when it names a level or a horizon
  // ("bounce off 560 support, swing"): only the horizon and timeframe are read out of it.
  if (asked === 'thesis' && !slots.thesis && ((!found(slots) && !atMarket) || contentWords(text) >= 3)) {
    const keep = {
      holdingHorizon: slots.holdingHorizon,
      timeStopBars: slots.timeStopBars,
      timeframe: slots.timeframe,
    };
    return {
      kind: 'slots',
      slots: { unassigned: [], thesis: text.trim(), ...definedOnly(keep) },
      atMarket: false,
      clear: [],
    };
  }
  const prefix = asked && !labelled ? prefixFor(asked, plain) : undefined;
  if (prefix) {
    const answered = slotsIn(`${prefix} ${text}`, options);
    if (found(answered)) slots = answered;
  }
  if (asked === 'horizon' && !found(slots)) {
    const horizon = horizonOf(plain);
    if (horizon) slots = { ...slots, holdingHorizon: horizon };
  }
  if (!found(slots) && !atMarket) return { kind: 'nothing' };
  return { kind: 'slots', slots, atMarket: atMarket && slots.entry === undefined, clear: cleared };
}

/**
 * The slots of a brainstorm answer. Words the parser did not use are dropped here: brainstorm
 * answers a message with nothing in it by asking again, which already names the problem.
 */
function slotsIn(text: string, options: { isKnownSymbol: (s: string) => boolean }): ExtractedSlots {
  const { ignored: _ignored, ...slots } = extractSlots(text, options);
  return slots;
}

function prefixFor(asked: SlotName, plain: string): string | undefined {
  switch (asked) {
    case 'stop':
      return 'stop';
    case 'target':
      return 'target';
    case 'entry':
      return 'entry';
    case 'size':
      return 'risk';
    case 'horizon':
      return /\d/.test(plain) ? 'time stop' : undefined;
    default:
      return undefined;
  }
}

function horizonOf(plain: string): ExtractedSlots['holdingHorizon'] {
  if (/\b(today|same day|day ?trade|by the close|intra-?day|hours?)\b/.test(plain)) return 'intraday';
  if (/\b(few|couple( of)?|several) (days|weeks)\b|\bdays\b|\bweeks\b/.test(plain)) return 'swing';
  if (/\b(months?|years?|long[- ]term|hold(ing)? it)\b/.test(plain)) return 'position';
  return undefined;
}

/** Words that are not part of the trade grammar: many of them make a sentence, not a slot answer. */
function contentWords(text: string): number {
  return tokenize(text).filter(
    (t) => /^[a-z0-9][a-z0-9'-]{2,}$/.test(t.text) && /[a-z]{2}/.test(t.text) && !NOT_SYMBOLS.has(t.text),
  ).length;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** True when the extraction holds anything besides leftovers. */
export function found(slots: ExtractedSlots): boolean {
  return (
    Object.entries(slots).some(([key, value]) => key !== 'unassigned' && value !== undefined) ||
    slots.unassigned.length > 0
  );
}
