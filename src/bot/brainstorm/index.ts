import type { ContextPackBuilder } from '../../market/context/index.js';

/** What brainstorm needs beyond the other bot services: the one `brainstorm` field of BotServices. */
export interface BrainstormSettings {
  /** The same ContextPack builder (and cache) the evaluation uses, for suggestions from data. */
  builder: ContextPackBuilder;
  /** A brainstorm left this long is paused; the draft is kept and "resume" reopens it. */
  idleMs: number;
}

export {
  newDraft,
  readDraft,
  isReady,
  hasSlot,
  withTurn,
  TradeIdeaDraftSchema,
  REQUIRED_SLOTS,
  OPTIONAL_SLOTS,
  SLOT_NAMES,
  type SlotName,
  type TradeIdeaDraft,
} from './draft.js';
export { loadFacts, levelBeyond, type MarketFacts, type FactsResult } from './facts.js';
export { draftIntent, draftFromIntent, journalNote } from './intent.js';
export { interpret, type Control, type TurnInput } from './interpret.js';
export { mergeSlots } from './merge.js';
export { nextQuestion, SUGGESTED_STOP_ATR, type Question } from './questions.js';
export { describeSlot, draftButtons, draftReply, planLine, DRAFT_ACTION_PREFIX } from './render.js';
export { resolveDraft, draftProblems, rewardRisk, offsetText } from './resolve.js';
export {
  BRAINSTORM_MODE,
  REVIEW_MODE,
  DEFAULT_IDLE_MINUTES,
  sessionMode,
  isReviewText,
  isResumeText,
  looksLikeIncompleteIdea,
} from './session.js';
export { advance, type TurnDeps, type TurnOutcome } from './turn.js';
