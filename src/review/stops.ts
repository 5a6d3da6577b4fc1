import type { ReviewRepository, StopChangeRow, TradeRepository, TradeRow } from '../db/index.js';
import { userError } from '../errors.js';

export type StopMove = 'set' | 'tightened' | 'widened' | 'removed' | 'unchanged';

export interface StopChange {
  trade: TradeRow;
  change: StopChangeRow;
  /** The stop in force before this change (the last change, else the planned stop). */
  previous: number | null;
  move: StopMove;
}

/** Which way a stop moved for a side: toward the entry's profit side is tightening. */
export function stopMove(side: 'long' | 'short', previous: number | null, next: number | null): StopMove {
  if (next === null) return previous === null ? 'unchanged' : 'removed';
  if (previous === null) return 'set';
  const toward = (side === 'long' ? 1 : -1) * (next - previous);
  return toward > 0 ? 'tightened' : toward < 0 ? 'widened' : 'unchanged';
}

/**
 * Records a stop move on the user's open trade in a symbol. The planned stop on the trade stays
 * what it was: the review compares the plan with every move made after it.
 */
export async function changeStop(
  deps: {
    trades: Pick<TradeRepository, 'openTradeFor' | 'openTrades'>;
    reviews: Pick<ReviewRepository, 'addStopChange' | 'stopChangesOf'>;
    now(): Date;
  },
  input: { userId: string; symbol: string; stop: number | null; source?: 'chat' | 'api' },
): Promise<StopChange> {
  const trade = await deps.trades.openTradeFor(input.userId, input.symbol);
  if (!trade) {
    const open = await deps.trades.openTrades(input.userId);
    const list = open.length
      ? ` Your open trades: ${open.map((t) => t.symbol).join(', ')}.`
      : ' You have no open trades.';
    throw userError(
      'trade-not-open',
      `There is no open trade in ${input.symbol} to move the stop of.${list}`,
    );
  }
  const history = await deps.reviews.stopChangesOf(trade.tradeId);
  const last = history[history.length - 1];
  const previous = last ? last.stop : trade.plannedStop;
  const move = stopMove(trade.side, previous, input.stop);
  const change = await deps.reviews.addStopChange({
    tradeId: trade.tradeId,
    userId: input.userId,
    ts: deps.now(),
    stop: input.stop,
    source: input.source ?? 'chat',
  });
  return { trade, change, previous, move };
}
