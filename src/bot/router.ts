import {
  BRAINSTORM_MODE,
  DRAFT_ACTION_PREFIX,
  isResumeText,
  isReviewText,
  looksLikeIncompleteIdea,
  REVIEW_MODE,
} from './brainstorm/index.js';
import { brainstormEditFlow, brainstormFlow } from './flows/brainstorm.js';
import { evaluateFlow, reevaluateFlow } from './flows/evaluate.js';
import { guidanceFlow, helpFlow } from './flows/help.js';
import { buddyFlow } from './flows/buddy.js';
import { journalFlow, saveJournalFlow } from './flows/journal.js';
import { tradeFlow } from './flows/trade.js';
import { reviewFlow } from './flows/review.js';
import { settingsFlow, settingsFormFlow } from './flows/settings.js';
import type { Flow } from './flows/types.js';
import { extractSlots, looksLikeSettingsText } from './parsing/index.js';
import type { Inbound } from './types.js';

export interface Route {
  flow: Flow;
  args: string;
  reason: 'command' | 'action' | 'trade-idea' | 'brainstorm' | 'help' | 'settings' | 'fallback';
}

/** Slash commands by name. Adding a command = one flow file + one line here. */
export const COMMANDS: Record<string, Flow> = {
  evaluate: evaluateFlow,
  eval: evaluateFlow,
  help: helpFlow,
  brainstorm: brainstormFlow,
  journal: journalFlow,
  trade: tradeFlow,
  review: reviewFlow,
  buddy: buddyFlow,
  settings: settingsFlow,
};

export const ACTIONS: Record<string, Flow> = {
  evaluate: reevaluateFlow,
  edit: brainstormEditFlow,
  'save-journal': saveJournalFlow,
  'settings-form': settingsFormFlow,
};

const HELP_WORDS = /^(help|\?|hi|hello|hey|start|commands|what can you do\??)$/i;

/**
 * Deterministic routing: a command or button goes straight to its flow (a draft's buttons to
 * brainstorm); in brainstorm mode free text goes to brainstorm; otherwise a complete idea goes
 * to evaluation (which explains a stop on the wrong side), an incomplete one to brainstorm, and
 * the rest gets guidance. `mode` is the session's mode after the brainstorm idle timeout.
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
  // "set my max risk to 0.5%" changes a setting; it is never read as a trade idea.
  if (looksLikeSettingsText(text)) return { flow: settingsFlow, args: text, reason: 'settings' };
  const brainstorming =
    mode === BRAINSTORM_MODE || (mode === REVIEW_MODE && isReviewText(text)) || isResumeText(text);
  if (brainstorming || looksLikeIncompleteIdea(text, isKnownSymbol))
    return { flow: brainstormFlow, args: text, reason: 'brainstorm' };
  if (HELP_WORDS.test(text)) return { flow: helpFlow, args: '', reason: 'help' };
  const slots = extractSlots(text, { isKnownSymbol });
  const looksLikeIdea =
    Boolean(slots.side && (slots.symbol || slots.entry !== undefined)) ||
    Boolean(slots.symbol && slots.entry !== undefined && slots.stop !== undefined);
  if (looksLikeIdea) return { flow: evaluateFlow, args: text, reason: 'trade-idea' };
  return { flow: guidanceFlow, args: text, reason: 'fallback' };
}
