import { riskPerShare as perShareRisk, rMultiple } from '../evaluators/trade-math.js';
import { directionOf, riskToStop, type PositionState } from './position.js';

/** What the trader planned: from `/trade open ... stop ... target ...` or the linked intent. */
export interface TradePlan {
  entry?: number | undefined;
  stop?: number | undefined;
  target?: number | undefined;
  /** Money the plan allowed to lose on the trade. */
  plannedRisk?: number | undefined;
}

export interface TradeMetrics {
  status: 'open' | 'closed';
  avgEntry: number;
  avgExit: number | undefined;
  /** Peak position size. */
  qty: number;
  openQty: number;
  /** Realised P&L net of fees. */
  pnl: number;
  fees: number;
  /** |average entry - initial stop|. */
  riskPerShare: number | undefined;
  /** 1R in money: each entry fill's qty x |price - initial stop| (trade-math). */
  riskAmount: number | undefined;
  pnlR: number | undefined;
  outcome: 'win' | 'loss' | 'breakeven' | undefined;
  slippageEst: number | undefined;
}

// Within a tenth of the risk either way a result is noise, not a win or a loss.
const BREAKEVEN_R = 0.1;

/**
 * P&L and R of a trade. 1R is the initial risk of the trade's own fills (trade-math: |average
 * entry - initial stop| x shares bought); `plan.stop` is the initial stop, a later move does not
 * change the unit. Slippage against a planned entry is reported apart (slippageEst). R is net of
 * fees, as the money is.
 */
export function tradeMetrics(state: PositionState, plan: TradePlan): TradeMetrics {
  const closed = state.closedAt !== undefined;
  const pnl = state.realizedGross - state.fees;
  const avgEntry = state.entryNotional / state.entryQty;
  // `state` was folded with the same initial stop (plan.stop): its initialRisk is 1R.
  const riskAmount = plan.stop === undefined ? undefined : state.initialRisk || undefined;
  const riskPerShare =
    riskAmount === undefined ? perShareRisk(avgEntry, plan.stop) : riskAmount / state.entryQty;
  const pnlR = rMultiple(pnl, riskAmount);
  let outcome: TradeMetrics['outcome'];
  if (closed) {
    if (pnlR !== undefined ? Math.abs(pnlR) < BREAKEVEN_R : pnl === 0) outcome = 'breakeven';
    else outcome = pnl > 0 ? 'win' : 'loss';
  }
  return {
    status: closed ? 'closed' : 'open',
    avgEntry,
    avgExit: state.exitQty > 0 ? state.exitNotional / state.exitQty : undefined,
    qty: state.maxQty,
    openQty: state.openQty,
    pnl,
    fees: state.fees,
    riskPerShare,
    riskAmount,
    pnlR,
    outcome,
    // Positive = the fills cost more than the planned entry would have.
    slippageEst:
      plan.entry === undefined
        ? undefined
        : (avgEntry - plan.entry) * directionOf(state.side) * state.entryQty,
  };
}

/** Open P&L at a mark price (the last close). */
export function unrealizedPnl(state: PositionState, mark: number): number {
  return (mark - state.avgPrice) * state.openQty * directionOf(state.side);
}

/** Money at risk to the stop on what is still open. */
export function openRisk(state: PositionState, stop: number | undefined): number | undefined {
  return riskToStop(state.side, state.openQty, state.avgPrice, stop);
}
