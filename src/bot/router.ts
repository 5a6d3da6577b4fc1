import {
  BRAINSTORM_MODE,
  DRAFT_ACTION_PREFIX,
  isResumeText,
  isReviewText,
  looksLikeIncompleteIdea,
  REVIEW_MODE,
} from './brainstorm/index.js';
import { askFlow } from './flows/ask.js';
import { brainstormEditFlow, brainstormFlow } from './flows/brainstorm.js';
import { detailsFlow, whyFlow } from './flows/details.js';
import { evaluateFlow, reevaluateFlow } from './flows/evaluate.js';
import { guidanceFlow, helpFlow, noPredictionsFlow, otherLanguageFlow } from './flows/help.js';
import { typedEditFlow, typedReevaluateFlow, typedSaveFlow } from './flows/typed-actions.js';
import { WHAT_IF, whatIfFlow } from './flows/what-if.js';
import { buddyFlow } from './flows/buddy.js';
import { journalFlow, saveJournalFlow } from './flows/journal.js';
import { tradeFlow } from './flows/trade.js';
import { reviewFlow } from './flows/review.js';
import { settingsFlow, settingsFormFlow } from './flows/settings.js';
import type { Flow } from './flows/types.js';
import {
  asksForPrediction,
  extractSlots,
  looksLikeQuestion,
  looksLikeSettingsText,
  looksNotEnglish,
} from './parsing/index.js';
import type { Inbound } from './types.js';

export interface Route {
  flow: Flow;
  args: string;
  reason:
    | 'command'
    | 'action'
    | 'trade-idea'
    | 'brainstorm'
    | 'help'
    | 'question'
    | 'advice'
    | 'settings'
    | 'what-if'
    | 'other-language'
    | 'fallback';
}

/** Slash commands by name. Adding a command = one flow file + one line here. */
export const COMMANDS: Record<string, Flow> = {
  evaluate: evaluateFlow,
  eval: evaluateFlow,
  ask: askFlow,
  help: helpFlow,
  brainstorm: brainstormFlow,
  journal: journalFlow,
  trade: tradeFlow,
  review: reviewFlow,
  buddy: buddyFlow,
  details: detailsFlow,
  why: whyFlow,
  settings: settingsFlow,
};

export const ACTIONS: Record<string, Flow> = {
  evaluate: reevaluateFlow,
  edit: brainstormEditFlow,
  'save-journal': saveJournalFlow,
  details: detailsFlow,
  'settings-form': settingsFormFlow,
};

/** A report's buttons and its evidence, typed as words: what the terminal prints under a report. */
const TYPED: { pattern: RegExp; flow: Flow }[] = [
  { pattern: /^(?:details|more|full report|show details)[.!]?$/i, flow: detailsFlow },
  { pattern: /^(?:why|explain)(?: issue)?\s*#?(\d{1,2})\s*\??$/i, flow: whyFlow },
  { pattern: /^(?:save|save it|save to journal)[.!]?$/i, flow: typedSaveFlow },
  { pattern: /^(?:edit|edit it)[.!]?$/i, flow: typedEditFlow },
  { pattern: /^(?:re-?evaluate|evaluate again|again)[.!]?$/i, flow: typedReevaluateFlow },
];

const HELP_WORDS = /^(help|\?|hi|hello|hey|start|commands|what can you do\??)$/i;

/**
 * Deterministic routing: a command or button goes straight to its flow (a draft's buttons to
 * brainstorm); in brainstorm mode free text goes to brainstorm; otherwise a complete idea goes
 * to evaluation (which explains a stop on the wrong side), an incomplete one to brainstorm, a
 * question with no trade plan in it to the knowledge base, and the rest gets guidance. `mode` is the session's mode after the brainstorm idle timeout.
 */
export function route(inbound: Inbound, isKnownSymbol: (s: string) => boolean, mode = 'idle'): Route {
  if (inbound.action?.value.startsWith(DRAFT_ACTION_PREFIX))
    return { flow: brainstormFlow, args: inbound.action.value, reason: 'action' };
  if (inbound.action) {
    const flow = ACTIONS[inbound.action.id];
    return flow
      ? { flow, args: inbound.action.value, reason: 'action' }
      : { flow: guidanceFlow, args: '', reason: 'fallback' };
  }
  const text = inbound.text.trim();
  const slash = /^\/(\w+)\s*([\s\S]*)$/.exec(text);
  const command = inbound.command ?? slash?.[1];
  const args = inbound.command ? text : (slash?.[2] ?? text);
  if (command) {
    const flow = COMMANDS[command.toLowerCase()];
    return flow ? { flow, args, reason: 'command' } : { flow: helpFlow, args: '', reason: 'fallback' };
  }
  // Another language: said so in English, never parsed for numbers.
  if (looksNotEnglish(text)) return { flow: otherLanguageFlow, args: text, reason: 'other-language' };
  // "set my max risk to 0.5%" changes a setting; it is never read as a trade idea.
  if (looksLikeSettingsText(text)) return { flow: settingsFlow, args: text, reason: 'settings' };
  const brainstorming =
    mode === BRAINSTORM_MODE || (mode === REVIEW_MODE && isReviewText(text)) || isResumeText(text);
  if (!brainstorming) {
    for (const { pattern, flow } of TYPED) {
      const typed = pattern.exec(text);
      if (typed) return { flow, args: typed[1] ?? '', reason: 'action' };
    }
    // "what if the stop is 2 ATR?": the last idea with a change (a plain question when there is none).
    if (WHAT_IF.test(text)) return { flow: whatIfFlow, args: text, reason: 'what-if' };
  }
  const slots = extractSlots(text, { isKnownSymbol });
  const looksLikeIdea =
    Boolean(slots.side && (slots.symbol || slots.entry !== undefined)) ||
    Boolean(slots.symbol && slots.entry !== undefined && slots.stop !== undefined);
  // "buy or sell SPX?", "good idea right?": no side is chosen for the trader. A plan of their own
  // ("long TCHA 600 stop 570, good idea right?") is still audited, with the guard's note on top.
  // "long TCHA NaN stop 570", "... tf 7q": the evaluation's parser names the bad value.
  if (!brainstorming && slots.invalid && (slots.side || slots.symbol))
    return { flow: evaluateFlow, args: text, reason: 'trade-idea' };
  const ownPlan = looksLikeIdea && slots.entry !== undefined;
  if (!brainstorming && !ownPlan && asksForPrediction(text, Boolean(slots.symbol)))
    return { flow: noPredictionsFlow, args: text, reason: 'advice' };
  if (brainstorming || looksLikeIncompleteIdea(text, isKnownSymbol))
    return { flow: brainstormFlow, args: text, reason: 'brainstorm' };
  if (HELP_WORDS.test(text)) return { flow: helpFlow, args: '', reason: 'help' };
  if (looksLikeIdea) return { flow: evaluateFlow, args: text, reason: 'trade-idea' };
  if (looksLikeQuestion(text)) return { flow: askFlow, args: text, reason: 'question' };
  return { flow: guidanceFlow, args: text, reason: 'fallback' };
}
