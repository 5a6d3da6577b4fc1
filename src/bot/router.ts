import { evaluateFlow, reevaluateFlow } from './flows/evaluate.js';
import { guidanceFlow, helpFlow } from './flows/help.js';
import { buddyFlow } from './flows/buddy.js';
import { journalFlow, saveJournalFlow } from './flows/journal.js';
import { tradeFlow } from './flows/trade.js';
import type { Flow } from './flows/types.js';
import { extractSlots } from './parsing/index.js';
import type { Inbound } from './types.js';

export interface Route {
  flow: Flow;
  args: string;
  reason: 'command' | 'action' | 'trade-idea' | 'help' | 'fallback';
}

/** Slash commands by name. Adding a command = one flow file + one line here. */
export const COMMANDS: Record<string, Flow> = {
  evaluate: evaluateFlow,
  eval: evaluateFlow,
  help: helpFlow,
  journal: journalFlow,
  trade: tradeFlow,
  buddy: buddyFlow,
};

export const ACTIONS: Record<string, Flow> = {
  evaluate: reevaluateFlow,
  'save-journal': saveJournalFlow,
};

const HELP_WORDS = /^(help|\?|hi|hello|hey|start|commands|what can you do\??)$/i;

/**
 * Deterministic routing: a command or button goes straight to its flow; free text that carries
 * a side or trade numbers goes to evaluation (which explains anything missing); the rest gets
 * guidance.
 */
export function route(inbound: Inbound, isKnownSymbol: (s: string) => boolean): Route {
  if (inbound.action) {
    const flow = ACTIONS[inbound.action.id];
    return flow ? { flow, args: inbound.action.value, reason: 'action' } : { flow: guidanceFlow, args: '', reason: 'fallback' };
  }
  const text = inbound.text.trim();
  const slash = /^\/(\w+)\s*([\s\S]*)$/.exec(text);
  const command = inbound.command ?? slash?.[1];
  const args = inbound.command ? text : (slash?.[2] ?? text);
  if (command) {
    const flow = COMMANDS[command.toLowerCase()];
    return flow ? { flow, args, reason: 'command' } : { flow: helpFlow, args: '', reason: 'fallback' };
  }
  if (HELP_WORDS.test(text)) return { flow: helpFlow, args: '', reason: 'help' };
  const slots = extractSlots(text, { isKnownSymbol });
  const looksLikeIdea = Boolean(slots.side && (slots.symbol || slots.entry !== undefined)) || Boolean(slots.symbol && slots.entry !== undefined && slots.stop !== undefined);
  if (looksLikeIdea) return { flow: evaluateFlow, args: text, reason: 'trade-idea' };
  return { flow: guidanceFlow, args: text, reason: 'fallback' };
}
