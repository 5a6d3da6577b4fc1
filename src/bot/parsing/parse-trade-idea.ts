import { coherenceProblems, TradeIntentSchema, type TradeIntent } from '../../evaluators/intent.js';
import { priceProblem } from '../../evaluators/intent-bounds.js';
import { extractSlots, type ExtractedSlots } from './extract-slots.js';

export type TradeIdeaParse =
  | { kind: 'intent'; intent: TradeIntent; slots: ExtractedSlots }
  | { kind: 'incomplete'; slots: ExtractedSlots; problems: string[] }
  | { kind: 'none' };

/** Works on the demo data (SPX closes at 2874.56 on 2020-04-17), as help and the README promise. */
export const TRADE_IDEA_EXAMPLE = 'long SPX 2870 stop 2790 target 3050 risk 1%';

/**
 * Turns chat text into a TradeIntent, or says exactly what is missing or contradictory.
 * `marketPrice` fills the entry for "at market" ideas.
 */
export function parseTradeIdea(
  text: string,
  options: {
    isKnownSymbol?: (symbol: string) => boolean;
    marketPrice?: (symbol: string) => number | undefined;
  } = {},
): TradeIdeaParse {
  const slots = extractSlots(text, options);
  const hasNumbers =
    slots.entry !== undefined || slots.stop !== undefined || (slots.targets?.length ?? 0) > 0;
  if (!slots.side && !hasNumbers) return { kind: 'none' };
  if (!slots.side && !slots.symbol) return { kind: 'none' };

  const problems: string[] = [...(slots.invalid ?? [])];
  if (!slots.symbol) problems.push('which instrument? Name the symbol, e.g. AAPL or SPX');
  if (!slots.side) problems.push('long or short? Say "long" / "buy" or "short" / "sell"');
  let entry = slots.entry;
  if (entry === undefined && slots.atMarket && slots.symbol) entry = options.marketPrice?.(slots.symbol);
  if (entry === undefined) problems.push('an entry price, e.g. "at 185" (or "at market")');
  if (slots.unassigned.length > 0) {
    problems.push(
      `I could not tell what ${slots.unassigned.join(', ')} ${slots.unassigned.length === 1 ? 'is' : 'are'}: label it, e.g. "stop 180" or "target 195"`,
    );
  }
  // An entry out of range (0, -5, 1e300) would otherwise read as "the stop is above the entry
  // (did you mean short?)".
  const entryProblem = entry === undefined ? undefined : priceProblem(entry);
  if (entryProblem) problems.push(`the entry (${entry}) ${entryProblem.replace(/^\S+ is /, 'is ')}`);
  else if (slots.side && entry !== undefined) {
    problems.push(
      ...coherenceProblems({ side: slots.side, entry, stop: slots.stop, targets: slots.targets }).map(
        (p) => p.message,
      ),
    );
  }
  if (problems.length > 0) return { kind: 'incomplete', slots, problems };

  const parsed = TradeIntentSchema.safeParse({
    symbol: slots.symbol,
    side: slots.side,
    timeframe: slots.timeframe,
    entry,
    stop: slots.stop,
    targets: slots.targets,
    size: slots.size,
    orderType: slots.atMarket ? 'market' : 'limit',
    holdingHorizon: slots.holdingHorizon,
    timeStopBars: slots.timeStopBars,
    thesis: slots.thesis,
  });
  if (!parsed.success) {
    return {
      kind: 'incomplete',
      slots,
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'idea'}: ${i.message}`),
    };
  }
  return { kind: 'intent', intent: parsed.data, slots };
}
