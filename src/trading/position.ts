import { directionOf, initialRisk } from '../evaluators/trade-math.js';
import { userError } from '../errors.js';

export type TradeSide = 'long' | 'short';
export type FillSide = 'buy' | 'sell';
export type FillType = 'open' | 'add' | 'reduce' | 'close';

export interface Fill {
  ts: number;
  side: FillSide;
  qty: number;
  price: number;
  fee?: number | undefined;
}

/** Running state of one trade after some of its fills. Pure data. */
export interface PositionState {
  side: TradeSide;
  openQty: number;
  /** Average cost of the quantity still open. */
  avgPrice: number;
  /** Realised P&L before fees. */
  realizedGross: number;
  fees: number;
  maxQty: number;
  entryQty: number;
  entryNotional: number;
  exitQty: number;
  exitNotional: number;
  openedAt: number;
  /** Price of the opening fill: the risk reference when no planned entry is known. */
  firstPrice: number;
  closedAt: number | undefined;
  /** 1R in money: each entry fill's qty x |price - initial stop| (trade-math); undefined without a stop. */
  initialRisk: number | undefined;
  /** Largest open qty x |avg price - stop| seen; undefined without a stop. */
  peakRisk: number | undefined;
  /** The exit fill price furthest on the losing side (lowest for a long). */
  worstExit: number | undefined;
}

// Quantities are decimals (fractional shares, crypto): below this they count as flat.
const FLAT = 1e-9;

export function sideOfEntry(side: TradeSide): FillSide {
  return side === 'long' ? 'buy' : 'sell';
}

export { directionOf };

/** Whether this fill would add to, reduce, or close the position, or flip it (more than is open). */
export function classifyFill(
  state: PositionState | undefined,
  fill: Pick<Fill, 'side' | 'qty'>,
): FillType | 'flip' {
  if (!state || state.openQty <= FLAT) return 'open';
  if (fill.side === sideOfEntry(state.side)) return 'add';
  const rest = state.openQty - fill.qty;
  if (rest > FLAT) return 'reduce';
  return rest < -FLAT ? 'flip' : 'close';
}

export function openPosition(side: TradeSide, fill: Fill, stop?: number): PositionState {
  if (fill.side !== sideOfEntry(side)) {
    throw userError(
      'trade-fill-side',
      `A ${side} trade opens with a ${sideOfEntry(side)}, not a ${fill.side}.`,
    );
  }
  checkFill(fill);
  const fee = fill.fee ?? 0;
  return {
    side,
    openQty: fill.qty,
    avgPrice: fill.price,
    realizedGross: 0,
    fees: fee,
    maxQty: fill.qty,
    entryQty: fill.qty,
    entryNotional: fill.qty * fill.price,
    exitQty: 0,
    exitNotional: 0,
    openedAt: fill.ts,
    firstPrice: fill.price,
    closedAt: undefined,
    peakRisk: riskToStop(side, fill.qty, fill.price, stop),
    initialRisk: initialRisk([fill], stop),
    worstExit: undefined,
  };
}

/**
 * Applies one fill: an entry-side fill scales in (weighted average cost), an exit-side fill
 * realises (price - avg) x qty in the trade's direction and leaves the average unchanged.
 * A fill that would take more than is open is refused: the caller splits it (a flip).
 */
export function applyFill(state: PositionState, fill: Fill, stop?: number): PositionState {
  checkFill(fill);
  if (state.closedAt !== undefined)
    throw userError('trade-closed', 'This trade is already closed; open a new one.');
  const kind = classifyFill(state, fill);
  const fee = fill.fee ?? 0;
  if (kind === 'add') {
    const openQty = state.openQty + fill.qty;
    const avgPrice = (state.avgPrice * state.openQty + fill.price * fill.qty) / openQty;
    const risk = riskToStop(state.side, openQty, avgPrice, stop);
    return {
      ...state,
      openQty,
      avgPrice,
      fees: state.fees + fee,
      maxQty: Math.max(state.maxQty, openQty),
      entryQty: state.entryQty + fill.qty,
      entryNotional: state.entryNotional + fill.qty * fill.price,
      peakRisk: risk === undefined ? state.peakRisk : Math.max(state.peakRisk ?? 0, risk),
      initialRisk:
        stop === undefined ? undefined : (state.initialRisk ?? 0) + (initialRisk([fill], stop) ?? 0),
    };
  }
  if (kind === 'flip') {
    throw userError(
      'trade-overclose',
      `You hold ${fmtQty(state.openQty)}; you cannot ${fill.side} ${fmtQty(fill.qty)} against it.`,
    );
  }
  const dir = directionOf(state.side);
  const openQty = kind === 'close' ? 0 : state.openQty - fill.qty;
  const worse = state.worstExit === undefined || (fill.price - state.worstExit) * dir < 0;
  return {
    ...state,
    openQty,
    fees: state.fees + fee,
    realizedGross: state.realizedGross + (fill.price - state.avgPrice) * fill.qty * dir,
    exitQty: state.exitQty + fill.qty,
    exitNotional: state.exitNotional + fill.qty * fill.price,
    closedAt: kind === 'close' ? fill.ts : undefined,
    worstExit: worse ? fill.price : state.worstExit,
  };
}

/** Folds a trade's fills in time order (ties keep their given order). */
export function foldFills(side: TradeSide, fills: readonly Fill[], stop?: number): PositionState {
  const ordered = [...fills].sort((a, b) => a.ts - b.ts);
  const [first, ...rest] = ordered;
  if (!first) throw userError('trade-no-fills', 'A trade needs at least one fill.');
  return rest.reduce((state, fill) => applyFill(state, fill, stop), openPosition(side, first, stop));
}

/** Money lost if the stop fills now; 0 once the stop protects a profit. */
export function riskToStop(
  side: TradeSide,
  qty: number,
  avgPrice: number,
  stop: number | undefined,
): number | undefined {
  return stop === undefined ? undefined : Math.max(0, (avgPrice - stop) * directionOf(side)) * qty;
}

/** Refuses a fill that no broker could report: before anything is written. */
export function checkFill(fill: Fill): void {
  if (!(fill.qty > 0) || !Number.isFinite(fill.qty))
    throw userError('trade-qty', `Quantity must be a positive number, not ${fill.qty}.`);
  if (!(fill.price > 0) || !Number.isFinite(fill.price))
    throw userError('trade-price', `Price must be a positive number, not ${fill.price}.`);
  if ((fill.fee ?? 0) < 0) throw userError('trade-fee', `Fees cannot be negative (${fill.fee}).`);
}

export function fmtQty(qty: number): string {
  return qty.toLocaleString('en-US', { maximumFractionDigits: 8 });
}
