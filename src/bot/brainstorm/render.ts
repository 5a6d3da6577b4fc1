import type { PositionSize } from '../../evaluators/intent.js';
import { DISCLAIMER, type Reply, type ReplyButton } from '../types.js';
import { isReady, type SlotName, type TradeIdeaDraft } from './draft.js';
import type { MarketFacts } from './facts.js';
import type { Question } from './questions.js';
import { offsetText, rewardRisk } from './resolve.js';
import { riskPerShare } from '../../evaluators/trade-math.js';

/** Draft buttons carry this prefix so the router hands them to brainstorm whatever the mode. */
export const DRAFT_ACTION_PREFIX = 'draft:';

const TIMEFRAME_NAMES: Record<string, string> = { '1d': 'daily', '1w': 'weekly', '1M': 'monthly' };
const money = (value: number) =>
  value.toLocaleString('en-US', { maximumFractionDigits: value >= 100 ? 0 : 2 });

function sizeText(size: PositionSize, draft: TradeIdeaDraft, facts: MarketFacts | undefined): string {
  const entry = draft.entry;
  const perShare = entry === undefined ? undefined : riskPerShare(entry, draft.stop);
  const equity = facts?.user.equity;
  switch (size.kind) {
    case 'shares':
      return `${money(size.value)} shares${entry !== undefined ? ` (≈ ${money(size.value * entry)})` : ''}`;
    case 'notional':
      return `${money(size.value)} position${entry !== undefined ? ` (≈ ${Math.floor(size.value / entry)} shares)` : ''}`;
    case 'risk-pct': {
      const cash = equity !== undefined ? (equity * size.value) / 100 : undefined;
      const shares = cash !== undefined && perShare ? Math.floor(cash / perShare) : undefined;
      return `risk ${size.value}%${cash !== undefined ? ` (${money(cash)}${shares !== undefined ? `, ${shares} shares` : ''})` : ''}`;
    }
    case 'risk-amount': {
      const shares = perShare ? Math.floor(size.value / perShare) : undefined;
      return `risk ${money(size.value)}${shares !== undefined ? ` (${shares} shares)` : ''}`;
    }
  }
}

/** One slot as the confirmation line shows it, with where a computed value came from. */
export function describeSlot(
  draft: TradeIdeaDraft,
  slot: SlotName,
  facts: MarketFacts | undefined,
): string | undefined {
  const atr = facts?.atr;
  switch (slot) {
    case 'symbol':
      return draft.symbol;
    case 'side':
      return draft.side;
    case 'entry':
      if (draft.entry === undefined) return draft.entryAtMarket ? 'entry at market' : undefined;
      return `entry ${draft.entry}${draft.entryAtMarket ? ' (last close)' : ''}`;
    case 'stop': {
      if (draft.stop === undefined)
        return draft.stopOffset ? `stop ${offsetText(draft.stopOffset)}` : undefined;
      const away =
        draft.entry !== undefined && atr
          ? ` (${(Math.abs(draft.entry - draft.stop) / atr).toFixed(2)} ATR)`
          : '';
      return `stop ${draft.stop}${draft.stopOffset ? ` (${offsetText(draft.stopOffset)})` : away}`;
    }
    case 'target': {
      if (!draft.targets?.length)
        return draft.targetOffset ? `target ${offsetText(draft.targetOffset)}` : undefined;
      const rr = rewardRisk(draft);
      return `target ${draft.targets.join(' / ')}${draft.targetOffset ? ` (${offsetText(draft.targetOffset)})` : rr !== undefined ? ` (${rr.toFixed(1)}R)` : ''}`;
    }
    case 'size':
      return draft.size ? sizeText(draft.size, draft, facts) : undefined;
    case 'thesis':
      return draft.thesis ? `thesis "${draft.thesis}"` : undefined;
    case 'horizon':
      return (
        [draft.horizon, draft.timeStopBars !== undefined ? `time stop ${draft.timeStopBars} bars` : undefined]
          .filter(Boolean)
          .join(', ') || undefined
      );
    case 'timeframe':
      return draft.timeframe ? `${TIMEFRAME_NAMES[draft.timeframe] ?? draft.timeframe} bars` : undefined;
  }
}

/** "Got it: long TCHA, entry 600.6 (last close). Changed the stop: 535.26 → 578." */
export function confirmation(
  before: TradeIdeaDraft,
  after: TradeIdeaDraft,
  changed: SlotName[],
  facts: MarketFacts | undefined,
): string {
  const added: string[] = [];
  const corrected: string[] = [];
  const moved: string[] = [];
  const both = changed.includes('symbol') && changed.includes('side') && !before.symbol && !before.side;
  if (both) added.push(`${after.side} ${after.symbol}`);
  for (const slot of both ? changed.filter((s) => s !== 'side' && s !== 'symbol') : changed) {
    const now = describeSlot(after, slot, facts);
    const was = describeSlot(before, slot, facts);
    if (!now) continue;
    if (was && was !== now) corrected.push(`${was} → ${sameHead(was, now)}`);
    else if (!was) added.push(now);
  }
  // A relative stop or target is placed or moved by a new entry, side or stop: say where.
  for (const slot of ['stop', 'target'] as const) {
    const price = (d: TradeIdeaDraft) => (slot === 'stop' ? d.stop : d.targets?.[0]);
    const now = describeSlot(after, slot, facts);
    if (changed.includes(slot) || !now || price(after) === undefined || price(before) === price(after))
      continue;
    if (price(before) === undefined) added.push(now);
    else moved.push(now);
  }
  return [
    added.length ? `Got it: ${added.join(', ')}.` : '',
    corrected.length ? `Changed ${corrected.join(', ')}.` : '',
    moved.length ? `Moved with it: ${moved.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** "entry 2870 → entry 2850" reads as "entry 2870 → 2850". */
function sameHead(was: string, now: string): string {
  const head = /^[a-z]+ /.exec(was)?.[0];
  return head && now.startsWith(head) ? now.slice(head.length) : now;
}

export function planLine(draft: TradeIdeaDraft, facts: MarketFacts | undefined): string {
  const head = [draft.side?.toUpperCase(), draft.symbol].filter(Boolean).join(' ') || 'no instrument yet';
  const parts = (['entry', 'stop', 'target', 'size', 'timeframe', 'horizon'] as const)
    .map((s) => describeSlot(draft, s, facts))
    .filter(Boolean);
  if (!draft.timeframe) parts.push('daily bars');
  return [head, ...parts].join(' · ');
}

export function draftButtons(draft: TradeIdeaDraft): ReplyButton[] {
  const value = `${DRAFT_ACTION_PREFIX}${draft.id}`;
  return [
    { id: 'evaluate', label: 'Evaluate', value },
    { id: 'edit', label: 'Edit', value },
    { id: 'save-journal', label: 'Save chat to journal', value },
  ];
}

/** The brainstorm answer: what was understood, what is still open, the draft so far and the buttons once it can be evaluated. */
export function draftReply(input: {
  draft: TradeIdeaDraft;
  facts: MarketFacts | undefined;
  lines: string[];
  question: Question | undefined;
}): Reply {
  const { draft, facts, question } = input;
  const ready = isReady(draft);
  const title = ready
    ? `Draft ready: ${draft.side} ${draft.symbol}`
    : `Brainstorm${draft.symbol ? `: ${draft.symbol}` : ''}`;
  const closing = question
    ? question.text
    : ready
      ? 'Everything is in. Say "evaluate" (or press Evaluate) to audit it, "save" to journal the chat.'
      : '';
  const sections: Reply['sections'] = [];
  if (draft.symbol || draft.side) sections.push({ heading: 'Draft', text: planLine(draft, facts) });
  if (draft.thesis) sections.push({ heading: 'Thesis', text: draft.thesis });
  return {
    kind: 'text',
    title,
    text: [...input.lines.filter(Boolean), closing].filter(Boolean).join('\n'),
    sections,
    issues: [],
    agents: [],
    buttons: ready ? draftButtons(draft) : [],
    ...(facts
      ? {
          footer: `${DISCLAIMER} Market data to ${new Date(facts.asOf).toISOString().slice(0, 10)}${facts.synthetic ? ' (synthetic demo instrument)' : ''}.`,
        }
      : {}),
  };
}
