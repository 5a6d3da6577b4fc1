import type { ExtractedSlots } from '../parsing/index.js';
import type { SlotName, TradeIdeaDraft } from './draft.js';

export interface Merged {
  draft: TradeIdeaDraft;
  /** Slots this message set or changed, in the order they are confirmed. */
  changed: SlotName[];
  /** Interpretations the trader should see and may correct. */
  readings: string[];
}

/** Risk amounts this small are almost always percent typed without the sign ("risk 0.5"). */
const MAX_BARE_RISK_AS_PERCENT = 5;

/**
 * Writes what a message said into the draft. A later value replaces an earlier one (that is how
 * corrections work); a price replaces a relative rule for the same slot and vice versa.
 */
export function mergeSlots(
  input: TradeIdeaDraft,
  slots: ExtractedSlots,
  options: { atMarket: boolean; clear: SlotName[]; isKnownSymbol: (symbol: string) => boolean; text: string },
): Merged {
  let draft: TradeIdeaDraft = { ...input };
  const changed: SlotName[] = [];
  const readings: string[] = [];
  const touch = (slot: SlotName) => {
    if (!changed.includes(slot)) changed.push(slot);
    draft.skipped = draft.skipped.filter((s) => s !== slot);
  };

  for (const slot of options.clear) {
    draft = clearSlot(draft, slot);
    if (slot !== 'stop' && slot !== 'entry' && !draft.skipped.includes(slot))
      draft.skipped = [...draft.skipped, slot];
    readings.push(`Removed the ${slot}.`);
  }
  if (slots.symbol && slots.symbol !== draft.symbol) {
    if (draft.symbol && !options.isKnownSymbol(slots.symbol)) {
      readings.push(`I have no data for ${slots.symbol}, so I kept ${draft.symbol}.`);
    } else {
      // Prices of another instrument mean nothing here; "at market" and relative rules still do.
      const stale = [
        !draft.entryAtMarket && draft.entry !== undefined,
        !draft.stopOffset && draft.stop !== undefined,
        !draft.targetOffset && draft.targets !== undefined,
      ];
      if (draft.symbol && stale.some(Boolean)) {
        draft = {
          ...draft,
          entry: draft.entryAtMarket ? draft.entry : undefined,
          stop: draft.stopOffset ? draft.stop : undefined,
          targets: draft.targetOffset ? draft.targets : undefined,
        };
        readings.push(`I cleared the ${draft.symbol} prices.`);
      }
      draft.symbol = slots.symbol;
      touch('symbol');
    }
  }
  if (slots.side && slots.side !== draft.side) {
    draft.side = slots.side;
    touch('side');
  }
  if (slots.entry !== undefined) {
    draft = { ...draft, entry: slots.entry, entryAtMarket: undefined };
    touch('entry');
  } else if (slots.atMarket || options.atMarket) {
    draft = { ...draft, entry: undefined, entryAtMarket: true };
    touch('entry');
  }
  if (slots.stop !== undefined) {
    draft = { ...draft, stop: slots.stop, stopOffset: undefined };
    touch('stop');
  } else if (slots.stopOffset) {
    draft = { ...draft, stop: undefined, stopOffset: slots.stopOffset };
    touch('stop');
  }
  if (slots.targets && slots.targets.length > 0) {
    draft = { ...draft, targets: slots.targets.slice(0, 5), targetOffset: undefined };
    touch('target');
  } else if (slots.targetOffset) {
    draft = { ...draft, targets: undefined, targetOffset: slots.targetOffset };
    touch('target');
  }
  if (slots.size) {
    let size = slots.size;
    if (
      size.kind === 'risk-amount' &&
      size.value <= MAX_BARE_RISK_AS_PERCENT &&
      !options.text.includes('$')
    ) {
      size = { kind: 'risk-pct', value: size.value };
      readings.push(
        `I read "risk ${slots.size.value}" as ${size.value}% of equity; say "risk $${slots.size.value}" if you meant dollars.`,
      );
    }
    draft.size = size;
    touch('size');
  }
  if (slots.holdingHorizon) {
    draft.horizon = slots.holdingHorizon;
    touch('horizon');
  }
  if (slots.timeStopBars !== undefined) {
    draft.timeStopBars = slots.timeStopBars;
    touch('horizon');
  }
  if (slots.timeframe && slots.timeframe !== draft.timeframe) {
    draft.timeframe = slots.timeframe;
    touch('timeframe');
  }
  if (slots.thesis) {
    draft.thesis = slots.thesis;
    touch('thesis');
  }
  if (slots.unassigned.length > 0) {
    const list = slots.unassigned.join(', ');
    readings.push(
      `I could not tell what ${list} ${slots.unassigned.length === 1 ? 'is' : 'are'}: label it, e.g. "stop ${slots.unassigned[0]}" or "target ${slots.unassigned[0]}".`,
    );
  }
  return { draft, changed, readings };
}

export function clearSlot(draft: TradeIdeaDraft, slot: SlotName): TradeIdeaDraft {
  switch (slot) {
    case 'entry':
      return { ...draft, entry: undefined, entryAtMarket: undefined };
    case 'stop':
      return { ...draft, stop: undefined, stopOffset: undefined };
    case 'target':
      return { ...draft, targets: undefined, targetOffset: undefined };
    case 'horizon':
      return { ...draft, horizon: undefined, timeStopBars: undefined };
    default:
      return { ...draft, [slot]: undefined };
  }
}

/** "no, short" with a stop below the entry: a side flip carries rules along but not prices. */
export function flipSide(draft: TradeIdeaDraft): TradeIdeaDraft {
  return draft.side ? { ...draft, side: draft.side === 'long' ? 'short' : 'long' } : draft;
}
