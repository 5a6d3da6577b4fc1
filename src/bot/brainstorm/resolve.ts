import { coherenceProblems } from '../../evaluators/intent.js';
import { roundPrice } from '../../market/levels/index.js';
import type { DraftOffset, TradeIdeaDraft } from './draft.js';
import type { MarketFacts } from './facts.js';
import { riskPerShare } from '../../evaluators/trade-math.js';

/** "1.5 ATR", "2%", "5 points", "3R". */
export function offsetText(offset: DraftOffset): string {
  switch (offset.unit) {
    case 'atr':
      return `${offset.value} ATR`;
    case 'pct':
      return `${offset.value}%`;
    case 'points':
      return `${offset.value} points`;
    case 'r':
      return `${offset.value}R`;
  }
}

/** How far from the entry an offset lies, in price; undefined while what it needs is unknown. */
function distance(
  offset: DraftOffset,
  entry: number,
  risk: number | undefined,
  atr: number | undefined,
): number | undefined {
  switch (offset.unit) {
    case 'atr':
      return atr === undefined ? undefined : offset.value * atr;
    case 'pct':
      return (entry * offset.value) / 100;
    case 'points':
      return offset.value;
    case 'r':
      return risk === undefined || risk <= 0 ? undefined : offset.value * risk;
  }
}

export interface Resolved {
  draft: TradeIdeaDraft;
  /** Relative values that cannot be placed yet, and what they wait for. */
  waiting: string[];
}

/**
 * Turns "at market", "stop 1.5 ATR" and "target 3R" into prices once the side, the entry and
 * the market are known. Re-run on every turn, so a corrected entry or side moves them along.
 */
export function resolveDraft(input: TradeIdeaDraft, facts: MarketFacts | undefined): Resolved {
  const draft = { ...input };
  const waiting: string[] = [];
  if (draft.entryAtMarket && facts) draft.entry = roundPrice(facts.lastClose);
  const sign = draft.side === 'short' ? -1 : 1;
  if (draft.stopOffset) {
    const away =
      draft.entry === undefined ? undefined : distance(draft.stopOffset, draft.entry, undefined, facts?.atr);
    if (draft.entry !== undefined && draft.side && away !== undefined)
      draft.stop = roundPrice(draft.entry - sign * away, draft.entry);
    else
      waiting.push(`the ${offsetText(draft.stopOffset)} stop needs ${needs(draft, draft.stopOffset, facts)}`);
  }
  if (draft.targetOffset) {
    const risk = draft.entry === undefined ? undefined : riskPerShare(draft.entry, draft.stop);
    const away =
      draft.entry === undefined ? undefined : distance(draft.targetOffset, draft.entry, risk, facts?.atr);
    if (draft.entry !== undefined && draft.side && away !== undefined)
      draft.targets = [roundPrice(draft.entry + sign * away, draft.entry)];
    else
      waiting.push(
        `the ${offsetText(draft.targetOffset)} target needs ${needs(draft, draft.targetOffset, facts)}`,
      );
  }
  return { draft, waiting };
}

function needs(draft: TradeIdeaDraft, offset: DraftOffset, facts: MarketFacts | undefined): string {
  const missing: string[] = [];
  if (!draft.side) missing.push('the side');
  if (draft.entry === undefined) missing.push('the entry');
  if (offset.unit === 'r' && draft.stop === undefined) missing.push('the stop');
  if (offset.unit === 'atr' && facts?.atr === undefined) missing.push('market data for the ATR');
  return missing.join(' and ') || 'more data';
}

/** Stop and targets on the wrong side of the entry, in the trader's terms. */
export function draftProblems(draft: TradeIdeaDraft): { field: 'stop' | 'targets'; message: string }[] {
  if (!draft.side || draft.entry === undefined) return [];
  return coherenceProblems({
    side: draft.side,
    entry: draft.entry,
    stop: draft.stop,
    targets: draft.targets,
  });
}

/** Reward per unit of risk for the first target, when both exist. */
export function rewardRisk(draft: TradeIdeaDraft): number | undefined {
  const target = draft.targets?.[0];
  if (draft.entry === undefined || draft.stop === undefined || target === undefined) return undefined;
  const risk = riskPerShare(draft.entry, draft.stop);
  return risk ? Math.abs(target - draft.entry) / risk : undefined;
}
