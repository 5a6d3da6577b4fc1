import { extractSlots } from '../parsing/index.js';

/** Collecting slots: every free-text message goes to brainstorm. */
export const BRAINSTORM_MODE = 'brainstorm';
/** Just evaluated from a draft: "save", "edit" and "resume" still go to brainstorm, anything else routes as usual. */
export const REVIEW_MODE = 'brainstorm-review';

export const DEFAULT_IDLE_MINUTES = 30;

/**
 * The mode a message should be routed in. A brainstorm left idle longer than `idleMs` is over
 * (the draft stays in the session state and "resume" brings it back).
 */
export function sessionMode(
  session: { mode: string; lastActiveAt: Date | string },
  idleMs: number,
  now: number = Date.now(),
): string {
  if (session.mode !== BRAINSTORM_MODE && session.mode !== REVIEW_MODE) return session.mode;
  const last = new Date(session.lastActiveAt).getTime();
  return Number.isFinite(last) && now - last > idleMs ? 'idle' : session.mode;
}

const REVIEW_WORDS =
  /^(save|journal|log|edit|resume|continue|change it|save (it|this|the chat|chat)( to (the |my )?journal)?)$/i;
const RESUME_WORDS = /^(resume|continue|back to (the|my) (draft|idea|plan)|where were we)$/i;

/** Free text that belongs to brainstorm in the review mode. */
export function isReviewText(text: string): boolean {
  return REVIEW_WORDS.test(text.trim().replace(/[.!?]+$/, ''));
}

/** "resume" reopens a kept draft from any mode. */
export function isResumeText(text: string): boolean {
  return RESUME_WORDS.test(text.trim().replace(/[.!?]+$/, ''));
}

/** Words that say the trader is mulling an idea over rather than asking about a symbol. */
const IDEA_WORDS =
  /\b(thinking|think|considering|consider|idea|eyeing|watching|looking at|might|maybe|plan(ning)?|setup|trade|position|want to|wanna|tempted|brainstorm)\b/i;

/**
 * An idea the evaluation cannot take yet: it names a side or a symbol with intent words, but
 * misses the symbol, the side or the entry ("thinking about shorting BAC here", "long TCHA").
 * Ideas with all three go to evaluation as before, even with a stop on the wrong side, so the
 * trader gets the precise account of what is wrong.
 */
export function looksLikeIncompleteIdea(text: string, isKnownSymbol: (symbol: string) => boolean): boolean {
  const slots = extractSlots(text, { isKnownSymbol });
  const relative = slots.stopOffset !== undefined || slots.targetOffset !== undefined;
  const ideaish =
    Boolean(slots.side) ||
    (Boolean(slots.symbol) && (IDEA_WORDS.test(text) || slots.entry !== undefined || relative));
  if (!ideaish) return false;
  if (!slots.symbol || !slots.side)
    return Boolean(
      slots.symbol || slots.entry !== undefined || slots.stop !== undefined || IDEA_WORDS.test(text),
    );
  if (slots.entry === undefined && !slots.atMarket) return true;
  // "stop 1.5 ATR" or "target 3R" need market data to become prices: brainstorm places them.
  return relative;
}
