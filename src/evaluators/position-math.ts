import type { ContextPack } from '../market/context/index.js';
import type { TradeIntent } from './intent.js';
import {
  riskAmount as riskOf,
  riskPerShare as perShareRisk,
  sharesForRisk,
  wholeShares,
} from './trade-math.js';

export { wholeShares } from './trade-math.js';

export interface PositionMath {
  riskPerShare: number | undefined;
  /** Shares implied by the size given (directly, by notional, or by risk); undefined when no size. */
  shares: number | undefined;
  sizeSource: 'shares' | 'notional' | 'risk-pct' | 'risk-amount' | 'none';
  riskAmount: number | undefined;
  riskPct: number | undefined;
  notional: number | undefined;
  /** Whole shares that spend exactly the trader's maximum risk. */
  sharesAtMaxRisk: number | undefined;
}

/** Size, risk and notional of an idea, from whichever size the trader gave. Pure. */
export function positionMath(intent: TradeIntent, ctx: ContextPack): PositionMath {
  const equity = ctx.user.equity;
  const riskPerShare = perShareRisk(intent.entry, intent.stop);
  const size = intent.size;
  let shares: number | undefined;
  if (size?.kind === 'shares') shares = size.value;
  else if (size?.kind === 'notional') shares = wholeShares(size.value / intent.entry);
  else if (size && riskPerShare) {
    const budget = size.kind === 'risk-pct' ? (equity * size.value) / 100 : size.value;
    shares = sharesForRisk(budget, riskPerShare);
  }
  const riskAmount = riskOf(intent.entry, intent.stop, shares);
  const sharesAtMaxRisk = sharesForRisk((equity * ctx.user.rules.maxRiskPct) / 100, riskPerShare);
  return {
    riskPerShare,
    shares,
    sizeSource: size?.kind ?? 'none',
    riskAmount,
    riskPct: riskAmount !== undefined ? (riskAmount / equity) * 100 : undefined,
    notional: shares !== undefined ? shares * intent.entry : undefined,
    sharesAtMaxRisk,
  };
}

/** The price `multiple` ATRs (or R) away from the entry, on the side of a stop or a target. */
export function priceAway(intent: TradeIntent, distance: number, direction: 'stop' | 'target'): number {
  const sign = (intent.side === 'long') === (direction === 'target') ? 1 : -1;
  return intent.entry + sign * distance;
}

export function fmt(value: number, digits = 2): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** 1 -> "1st", 2 -> "2nd", 3 -> "3rd", 11 -> "11th", 93 -> "93rd". */
export function ordinal(n: number): string {
  const k = Math.round(n);
  const teen = Math.abs(k) % 100;
  const suffix =
    teen >= 11 && teen <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[Math.abs(k) % 10] ?? 'th');
  return `${k}${suffix}`;
}
