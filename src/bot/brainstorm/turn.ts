import type { LlmClient } from '../../agents/llm/index.js';
import type { Timeframe } from '../../market/types.js';
import type { Reply } from '../types.js';
import { REQUIRED_SLOTS, type SlotName, type TradeIdeaDraft } from './draft.js';
import type { FactsResult, MarketFacts } from './facts.js';
import { interpret, type TurnInput } from './interpret.js';
import { extractWithLlm, fillGaps } from './llm-extract.js';
import { flipSide, mergeSlots, type Merged } from './merge.js';
import { nextQuestion } from './questions.js';
import { confirmation, draftReply } from './render.js';
import { resolveDraft } from './resolve.js';

export interface TurnDeps {
  userId: string;
  isKnownSymbol(symbol: string): boolean;
  /** Symbols with data, for "which instrument?" (read only when that is the question). */
  listSymbols(): Promise<readonly string[]>;
  facts(symbol: string, timeframe: Timeframe): Promise<FactsResult>;
  llm?: LlmClient | undefined;
  onLlmError?(error: unknown): void;
}

export interface TurnOutcome {
  draft: TradeIdeaDraft;
  reply: Reply;
  input: TurnInput | undefined;
}

const money = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });

/**
 * One message applied to the draft: read it, merge it, place relative values, pick the next
 * question. Without a message (`text` undefined) it only refreshes the draft and asks again.
 */
export async function advance(
  current: TradeIdeaDraft,
  text: string | undefined,
  deps: TurnDeps,
  opening: string[] = [],
): Promise<TurnOutcome> {
  const lines = [...opening];
  const merged =
    text === undefined
      ? { draft: current, changed: [], readings: [] }
      : await applyMessage(current, text, deps, lines);
  return settle(current, merged, deps, lines);
}

async function applyMessage(
  current: TradeIdeaDraft,
  text: string,
  deps: TurnDeps,
  lines: string[],
): Promise<Merged & { input: TurnInput }> {
  let input = interpret(text, current.asked, deps.isKnownSymbol);
  let merged: Merged = { draft: current, changed: [], readings: [] };
  const mergeOptions = { atMarket: false, clear: [] as SlotName[], isKnownSymbol: deps.isKnownSymbol, text };
  if (deps.llm && (input.kind === 'nothing' || (input.kind === 'slots' && text.split(/\s+/).length >= 8))) {
    const llmSlots = await extractWithLlm(deps.llm, {
      text,
      asked: current.asked,
      userId: deps.userId,
    }).catch((error: unknown) => {
      deps.onLlmError?.(error);
      return undefined;
    });
    const base = input.kind === 'slots' ? input.slots : { unassigned: [] };
    const filled = llmSlots ? fillGaps(base, llmSlots, deps.isKnownSymbol) : undefined;
    if (filled && filled.added.length > 0)
      input = {
        kind: 'slots',
        slots: filled.slots,
        atMarket: input.kind === 'slots' && input.atMarket,
        clear: input.kind === 'slots' ? input.clear : [],
      };
  }

  if (input.kind === 'slots')
    merged = mergeSlots(current, input.slots, {
      ...mergeOptions,
      atMarket: input.atMarket,
      clear: input.clear,
    });
  else if (input.kind === 'clear')
    merged = mergeSlots(current, { unassigned: [] }, { ...mergeOptions, clear: input.slots });
  else if (input.kind === 'nothing')
    lines.push(`I did not catch a trade detail in "${text.trim().slice(0, 60)}".`);
  else if (input.control === 'flip' && current.side)
    merged = { draft: flipSide(current), changed: ['side'], readings: [] };
  else if (input.control === 'accept') merged = accept(current, input.level === true, lines);
  else if (input.control === 'skip') merged = skip(current, lines);
  return { ...merged, input };
}

async function settle(
  current: TradeIdeaDraft,
  merged: Merged & { input?: TurnInput },
  deps: TurnDeps,
  lines: string[],
): Promise<TurnOutcome> {
  let draft = merged.draft;
  let facts: MarketFacts | undefined;
  let symbolProblem: string | undefined;
  if (draft.symbol) {
    let result = await deps.facts(draft.symbol, draft.timeframe ?? '1d');
    if (!result.ok && merged.changed.includes('timeframe') && result.code !== 'unknown-symbol') {
      lines.push(`${result.problem} I kept ${current.timeframe ?? '1d'}.`);
      draft = { ...draft, timeframe: current.timeframe };
      merged.changed = merged.changed.filter((s) => s !== 'timeframe');
      result = await deps.facts(draft.symbol ?? '', draft.timeframe ?? '1d');
    }
    if (result.ok) facts = result.facts;
    else symbolProblem = result.problem;
  }
  const resolved = resolveDraft(draft, facts);
  const symbols = !resolved.draft.symbol || symbolProblem ? await deps.listSymbols() : [];
  const question = nextQuestion(resolved.draft, facts, symbolProblem, symbols);
  draft = {
    ...resolved.draft,
    asked: question?.slot,
    offer: question?.offer,
    updatedAt: new Date().toISOString(),
  };
  lines.push(
    confirmation(current, draft, merged.changed, facts),
    ...merged.readings,
    ...resolved.waiting.map((w) => `(${capital(w)}.)`),
    ...warnings(draft, facts),
  );
  return { draft, reply: draftReply({ draft, facts, lines, question }), input: merged.input };
}

function accept(draft: TradeIdeaDraft, level: boolean, lines: string[]): Merged {
  const offer = draft.offer;
  if (!offer || offer.slot !== draft.asked) {
    lines.push('There is no suggestion on the table to accept.');
    return { draft, changed: [], readings: [] };
  }
  const price = level ? offer.level : offer.price;
  if (level && price === undefined) lines.push('I have no level to offer there; I used the main suggestion.');
  const value = price ?? offer.price;
  switch (offer.slot) {
    case 'entry':
      return {
        draft: { ...draft, entry: value, entryAtMarket: undefined },
        changed: ['entry'],
        readings: [],
      };
    case 'stop':
      return {
        draft: {
          ...draft,
          stop: value,
          stopOffset: level && price !== undefined ? undefined : { unit: 'atr', value: 1.5 },
        },
        changed: ['stop'],
        readings: [],
      };
    case 'target':
      return {
        draft: { ...draft, targets: value !== undefined ? [value] : draft.targets, targetOffset: undefined },
        changed: ['target'],
        readings: [],
      };
    case 'size':
      return { draft: { ...draft, size: offer.size }, changed: ['size'], readings: [] };
    default:
      return { draft, changed: [], readings: [] };
  }
}

function skip(draft: TradeIdeaDraft, lines: string[]): Merged {
  const slot = draft.asked;
  if (!slot) return { draft, changed: [], readings: [] };
  if (REQUIRED_SLOTS.includes(slot)) {
    lines.push(`The ${slot} cannot be skipped: without it there is nothing to evaluate.`);
    return { draft, changed: [], readings: [] };
  }
  lines.push(`Skipped the ${slot}.`);
  return { draft: { ...draft, skipped: [...draft.skipped, slot] }, changed: [], readings: [] };
}

/** Numbers that are legal but probably not what was meant, said once so the trader can correct them. */
function warnings(draft: TradeIdeaDraft, facts: MarketFacts | undefined): string[] {
  if (!facts || !draft.size || draft.entry === undefined) return [];
  const { equity, rules } = facts.user;
  const size = draft.size;
  if (size.kind === 'shares' && size.value * draft.entry > (equity * rules.maxPositionPct) / 100) {
    const notional = size.value * draft.entry;
    const compact = size.value % 1000 === 0 ? `${size.value / 1000}k` : String(size.value);
    return [
      `I read that as ${money(size.value)} shares ≈ ${money(notional)}, ${money((notional / equity) * 100)}% of your ${money(equity)} equity. If you meant dollars, say "size $${compact}".`,
    ];
  }
  if (size.kind === 'risk-pct' && size.value > rules.maxRiskPct)
    return [`Risking ${size.value}% is above your ${rules.maxRiskPct}% limit per trade.`];
  if (size.kind === 'risk-amount' && size.value > (equity * rules.maxRiskPct) / 100) {
    return [
      `Risking ${money(size.value)} is above your limit of ${rules.maxRiskPct}% (${money((equity * rules.maxRiskPct) / 100)}).`,
    ];
  }
  return [];
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
