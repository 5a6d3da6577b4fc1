import { z } from 'zod';
import { computeFeatures, featureAt } from '../market/features/index.js';
import type { Bar } from '../market/types.js';
import { timeframeSpan } from './excursions.js';
import { wholeShares } from '../evaluators/trade-math.js';
import type { Levels, ReviewFill, ReviewInput, ReviewPlan } from './types.js';

const DAY = 86_400_000;

/** The parts of a stored trade the review reads (a `trades` row satisfies it). */
export interface TradeFacts {
  symbol: string;
  side: 'long' | 'short';
  plannedEntry: number | null;
  plannedStop: number | null;
  plannedTarget: number | null;
  plannedRisk: number | null;
  linkedIntentId: string | null;
}

export interface IntentFacts {
  timeframe: string;
  targets: number[];
}

/** Fills as stored (buy/sell, unsigned quantity) to the review's signed fills. */
export function reviewFills(
  rows: readonly { ts: Date; side: 'buy' | 'sell'; qty: number; price: number; fee: number }[],
): ReviewFill[] {
  return rows.map((f) => ({
    ts: f.ts.getTime(),
    qty: f.side === 'buy' ? f.qty : -f.qty,
    price: f.price,
    fees: f.fee,
  }));
}

const EvaluatedIntent = z.object({
  intent: z.object({ timeStopBars: z.number().int().positive().optional() }),
});

/** The time stop the evaluated intent carried (kept in the evaluation's summary), if any. */
export function timeStopFrom(summary: unknown): number | undefined {
  const parsed = EvaluatedIntent.safeParse(summary);
  return parsed.success ? parsed.data.intent.timeStopBars : undefined;
}

/**
 * The plan the fills are judged against: the trade's planned levels (the trader's own at open,
 * or the linked intent's). None when the trade carries no stop, no target and no intent: a trade
 * opened with nothing but a price had no plan to follow. Without an intent the stated plan was
 * made at the fill, so the first fill is its entry.
 */
export function planOf(
  trade: TradeFacts,
  intent: IntentFacts | undefined,
  firstPrice: number,
  timeStopBars: number | undefined,
): ReviewPlan | undefined {
  if (trade.plannedStop === null && trade.plannedTarget === null && !intent) return undefined;
  const targets = trade.plannedTarget !== null ? [trade.plannedTarget] : (intent?.targets ?? []);
  return {
    entry: trade.plannedEntry ?? firstPrice,
    stop: trade.plannedStop ?? undefined,
    targets,
    plannedRiskAmount: trade.plannedRisk ?? undefined,
    timeStopBars,
    timeframe: intent?.timeframe ?? '1d',
  };
}

/**
 * ATR(14) at entry from the bars that had closed before the first fill (the entry bar itself
 * is still forming then). Undefined when fewer than 15 bars closed, or when the last one is
 * stale (more than a week, or five bars, before the entry): an ATR from another era would turn
 * MAE/MFE in ATR into noise.
 */
export function atrAtEntry(bars: readonly Bar[], timeframe: string, openTs: number): number | undefined {
  const span = timeframeSpan(timeframe) ?? DAY;
  const closed = bars.filter((b) => b.ts + span <= openTs);
  const last = closed[closed.length - 1];
  if (!last || closed.length < 15 || openTs - (last.ts + span) > Math.max(7 * DAY, 5 * span))
    return undefined;
  const features = computeFeatures(closed, { intraday: span < DAY });
  return featureAt(features, 'atr14', closed.length - 1);
}

/** How many bars of a timeframe the holding period can span, with room for the entry and exit bars. */
export function barsToLoad(timeframe: string, openTs: number, closeTs: number): number {
  const span = timeframeSpan(timeframe) ?? DAY;
  return Math.min(5_000, Math.ceil((closeTs - openTs) / span) + 3);
}

export interface ReviewSources {
  trade: TradeFacts;
  fills: ReviewFill[];
  intent?: IntentFacts | undefined;
  timeStopBars?: number | undefined;
  warnings: { code: string; message: string; level?: number | undefined }[];
  stopChanges: { ts: number; stop: number | null }[];
  /** Timeframe of `bars` and `barsBeforeEntry` (the plan's, or 1d when it has no bars). */
  timeframe: string;
  bars: Bar[];
  barsBeforeEntry: Bar[];
  /** Rules at entry, the idea as evaluated, its issues and the trader's reason: the entry's discipline. */
  discipline?: Pick<
    ReviewInput,
    'rules' | 'proposed' | 'entryWarnings' | 'acknowledgement' | 'pnlTodayBefore'
  >;
}

/** The idea's levels and size as stored with its intent (shares from its size, or its risk over the stop). */
export function proposedLevels(
  intent: {
    proposedEntry: number;
    proposedStop: number | null;
    proposedTarget: number | null;
    proposedSize: number | null;
    proposedRiskAmount: number | null;
    proposedRiskPct: number | null;
  },
  equity: number | undefined,
): Levels {
  const perShare =
    intent.proposedStop === null
      ? undefined
      : Math.abs(intent.proposedEntry - intent.proposedStop) || undefined;
  const riskAmount =
    intent.proposedRiskAmount ??
    (intent.proposedRiskPct !== null && equity !== undefined
      ? (equity * intent.proposedRiskPct) / 100
      : null);
  const shares =
    intent.proposedSize ??
    (riskAmount !== null && perShare !== undefined ? wholeShares(riskAmount / perShare) : undefined);
  return {
    entry: intent.proposedEntry,
    stop: intent.proposedStop ?? undefined,
    target: intent.proposedTarget ?? undefined,
    shares,
  };
}

/** Everything gathered about a closed trade, as the pure review's input. */
export function reviewInputOf(src: ReviewSources): ReviewInput {
  const sorted = [...src.fills].sort((a, b) => a.ts - b.ts);
  const first = sorted[0];
  if (!first) throw new Error('a trade needs at least one fill');
  // A time stop counts bars of the plan's timeframe: on other bars it cannot be checked.
  const sameFrame = (src.intent?.timeframe ?? '1d') === src.timeframe;
  const plan = planOf(src.trade, src.intent, first.price, sameFrame ? src.timeStopBars : undefined);
  return {
    symbol: src.trade.symbol,
    side: src.trade.side,
    fills: sorted,
    plan: plan ? { ...plan, timeframe: src.timeframe } : undefined,
    bars: src.bars,
    atrAtEntry: atrAtEntry(src.barsBeforeEntry, src.timeframe, first.ts),
    warnings: src.warnings,
    stopChanges: src.stopChanges,
    timeframe: src.timeframe,
    ...src.discipline,
  };
}
