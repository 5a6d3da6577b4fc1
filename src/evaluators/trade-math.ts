/**
 * The one definition of risk, R and P&L used by the report, the trade, the close message and the
 * review. Pure. 1R is the initial risk in money: |entry - initial stop| x shares, summed over the
 * trade's own entry fills (never an idea's proposed entry), so the same trade shows the same R
 * everywhere. For fills on one side of the stop this is |average entry - stop| x shares; a fill
 * beyond the stop (averaging down through it) counts its full distance, so it cannot shrink 1R.
 */
export type Side = 'long' | 'short';

export function directionOf(side: Side): 1 | -1 {
  return side === 'long' ? 1 : -1;
}

/** Distance from the entry to the stop; undefined without a stop or when it sits on the entry. */
export function riskPerShare(entry: number, stop: number | null | undefined): number | undefined {
  if (stop === undefined || stop === null) return undefined;
  const distance = Math.abs(entry - stop);
  return distance > 0 ? distance : undefined;
}

/** Risk in money of `shares` bought at `entry` with a stop: the shares actually proposed or filled. */
export function riskAmount(
  entry: number,
  stop: number | null | undefined,
  shares: number | undefined,
): number | undefined {
  const perShare = riskPerShare(entry, stop);
  return perShare === undefined || shares === undefined ? undefined : perShare * shares;
}

/** Initial risk in money of a trade's entry fills against its initial stop. */
export function initialRisk(
  entries: readonly { price: number; qty: number }[],
  stop: number | null | undefined,
): number | undefined {
  if (stop === undefined || stop === null) return undefined;
  const risk = entries.reduce((sum, e) => sum + e.qty * Math.abs(e.price - stop), 0);
  return risk > 0 ? risk : undefined;
}

/** P&L in R: money over the initial risk in money; undefined when there is no risk to measure by. */
export function rMultiple(pnl: number, initialRisk: number | undefined): number | undefined {
  return initialRisk && initialRisk > 0 ? pnl / initialRisk : undefined;
}

/** Realised P&L of a closed quantity, net of fees. */
export function realisedPnl(side: Side, avgEntry: number, avgExit: number, qty: number, fees = 0): number {
  return directionOf(side) * (avgExit - avgEntry) * qty - fees;
}

/** How far a price is past the stop on the losing side (positive = past it). */
export function pastStop(side: Side, stop: number, price: number): number {
  return directionOf(side) * (stop - price);
}

/**
 * Whole shares in a quotient of prices, forgiving float noise: 500 / (10.3 - 10.1) is
 * 2499.99999999998 and must give 2500, not 2499.
 */
export function wholeShares(x: number): number {
  return Math.floor(x + Math.abs(x) * 1e-9);
}

/** Whole shares whose risk to the stop stays within a money budget. */
export function sharesForRisk(budget: number, perShare: number | undefined): number | undefined {
  return perShare ? wholeShares(budget / perShare) : undefined;
}
