import type { StopMove } from '../../review/index.js';
import { textReply, type Reply } from '../types.js';
import type { FlowContext } from './types.js';

const px = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4, useGrouping: false });

/**
 * Runs the post-trade review job right after the close that flattened the trade (claimed in
 * job_runs, so a second process or a retry does not run it again) and says where to read it.
 */
export async function reviewSection(
  ctx: FlowContext,
  trade: { tradeId: string; symbol: string },
): Promise<{ heading: string; text: string }> {
  const outcome = await ctx.services.review.runJob(trade.tradeId);
  const review = outcome.review;
  if (review) {
    return {
      heading: 'Post-trade review',
      text: `Review ready: /review ${trade.symbol}. Process ${review.processGrade} · Outcome ${review.outcomeGrade}: a ${review.verdict}.`,
    };
  }
  // Another process is writing it, or it failed (logged): /review generates it on demand.
  return {
    heading: 'Post-trade review',
    text: `The review is on its way: /review ${trade.symbol} shows it.`,
  };
}

const MOVE_TEXT: Record<StopMove, string> = {
  set: 'A stop is in place again: the risk has a limit.',
  tightened:
    'Moved toward profit: less at risk. The review counts this as managing the trade, not as a deviation.',
  widened:
    'Moved away from the entry: more at risk than the plan allowed. The review will count it against the process.',
  removed: 'No stop now: the loss has no limit. The review will count it against the process.',
  unchanged: 'Same level as before: nothing changed.',
};

/** `/trade stop SYMBOL PRICE|none`: records the move and says at once what it means for the plan. */
export async function stopReply(
  ctx: FlowContext,
  command: { symbol: string; stop: number | null },
): Promise<Reply> {
  const { trade, previous, move } = await ctx.services.review.changeStop({
    userId: ctx.userId,
    symbol: command.symbol,
    stop: command.stop,
  });
  // The position's risk to the stop follows the move at once (`/trade list`, exposure).
  await ctx.services.trading.trades.refreshOpen(ctx.userId, command.symbol);
  const from = previous === null ? 'no stop' : px(previous);
  const to = command.stop === null ? 'no stop' : px(command.stop);
  const planned = trade.plannedStop === null ? '' : ` The planned stop was ${px(trade.plannedStop)}.`;
  const reply = textReply(
    `Stop for ${trade.side} ${trade.symbol}: ${from} → ${to}`,
    `${MOVE_TEXT[move]}${planned}`,
  );
  return move === 'widened' || move === 'removed'
    ? {
        ...reply,
        sections: [
          {
            heading: 'Plan',
            text: 'A stop is decided before the entry; moving it away after the fact is the most common way a small loss becomes a large one.',
          },
        ],
      }
    : reply;
}
