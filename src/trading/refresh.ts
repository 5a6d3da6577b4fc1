import type { FillRow, TradeQueries, TradeRepository, TradeRow } from '../db/index.js';
import { userError } from '../errors.js';
import { openRisk, tradeMetrics, unrealizedPnl } from './metrics.js';
import { directionOf, fmtQty, foldFills, type Fill } from './position.js';

/** The stop in force: the last move (null = removed), else the planned stop. */
export function stopInForce(
  planned: number | null | undefined,
  moved: number | null | undefined,
): number | undefined {
  return moved === undefined ? (planned ?? undefined) : (moved ?? undefined);
}

export type OpenTradeView = TradeRow & { currentStop: number | undefined; openRisk: number | undefined };

export function toFill(row: Pick<FillRow, 'ts' | 'side' | 'qty' | 'price' | 'fee'>): Fill {
  return { ts: row.ts.getTime(), side: row.side, qty: row.qty, price: row.price, fee: row.fee };
}

/**
 * Recomputes the trade and its position from its fills: the fills are the truth. `mark` is
 * read before the transaction: PGlite serves one transaction at a time, so a query outside it
 * from inside would wait forever.
 */
export async function refreshTrade(
  q: TradeQueries,
  trade: TradeRow,
  mark: number | undefined,
): Promise<TradeRow> {
  const fills = await q.fillsOf(trade.tradeId);
  const stop = trade.plannedStop ?? undefined;
  const state = foldFills(trade.side, fills.map(toFill), stop);
  const m = tradeMetrics(state, {
    entry: trade.plannedEntry ?? undefined,
    stop,
    plannedRisk: trade.plannedRisk ?? undefined,
  });
  const updated = await q.updateTrade(trade.tradeId, {
    status: m.status,
    openTs: new Date(state.openedAt),
    closeTs: state.closedAt === undefined ? null : new Date(state.closedAt),
    avgEntry: m.avgEntry,
    avgExit: m.avgExit ?? null,
    qty: m.qty,
    openQty: m.openQty,
    pnl: m.pnl,
    pnlR: m.pnlR ?? null,
    fees: m.fees,
    slippageEst: m.slippageEst ?? null,
    outcomeLabel: m.outcome ?? null,
    peakRisk: state.peakRisk ?? null,
  });
  if (m.status === 'closed') {
    await q.deletePosition(trade.userId, trade.symbol);
    if (trade.linkedIntentId) await q.setIntentStatus(trade.linkedIntentId, 'closed');
  } else {
    await q.upsertPosition({
      userId: trade.userId,
      symbol: trade.symbol,
      tradeId: trade.tradeId,
      qty: state.openQty * directionOf(trade.side),
      avgPrice: state.avgPrice,
      openTs: new Date(state.openedAt),
      markPrice: mark ?? null,
      unrealizedPnl: mark === undefined ? null : unrealizedPnl(state, mark),
      riskEst: openRisk(state, stopInForce(stop, await q.currentStop(trade.tradeId))) ?? null,
    });
  }
  return updated;
}

/** The user's open trade in a symbol, or a user error that lists the open ones. */
export async function requireOpen(
  q: TradeQueries,
  userId: string,
  symbol: string,
  verb: string,
): Promise<TradeRow> {
  const trade = await q.openTradeFor(userId, symbol);
  if (trade) return trade;
  const open = await q.openTrades(userId);
  const list = open.length
    ? ` Your open trades: ${open.map((t) => `${t.symbol} ${t.side} ${fmtQty(t.openQty)}`).join(', ')}.`
    : ' You have no open trades.';
  throw userError('trade-not-open', `There is no open trade in ${symbol} to ${verb}.${list}`);
}

/** An open trade with the stop in force (the last move, else the planned stop) and the money at risk to it. */
export async function openTradeView(
  trades: Pick<TradeRepository, 'currentStop' | 'fillsOf'>,
  t: TradeRow,
): Promise<OpenTradeView> {
  const currentStop = stopInForce(t.plannedStop, await trades.currentStop(t.tradeId));
  const fills = await trades.fillsOf(t.tradeId);
  const state = foldFills(t.side, fills.map(toFill), t.plannedStop ?? undefined);
  return { ...t, currentStop, openRisk: openRisk(state, currentStop) };
}
