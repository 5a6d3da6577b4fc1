import { fmt } from './position-math.js';
import { riskAmount, riskPerShare, sharesForRisk } from './trade-math.js';
import { round, sizeBeyond, type Issue } from './types.js';

/** A plan reduced to the numbers the trader's risk rules read: an idea, or a trade being opened. */
export interface RiskPlan {
  side: 'long' | 'short';
  entry: number;
  stop: number | undefined;
  target: number | undefined;
  /** Shares proposed (or bought); undefined when no size was given. */
  shares: number | undefined;
}

export interface RiskLimits {
  equity: number;
  maxRiskPct: number;
  minRewardRisk: number;
}

function priceAt(plan: RiskPlan, distance: number, toward: 'stop' | 'target'): number {
  const sign = (plan.side === 'long') === (toward === 'target') ? 1 : -1;
  return plan.entry + sign * distance;
}

/** Reward:risk below the trader's minimum, with the target or stop that restores it. */
export function rewardRiskIssue(plan: RiskPlan, limits: RiskLimits): Issue | undefined {
  const risk = riskPerShare(plan.entry, plan.stop);
  if (risk === undefined || plan.target === undefined) return undefined;
  const reward = Math.abs(plan.target - plan.entry);
  const rr = reward / risk;
  if (rr >= limits.minRewardRisk) return undefined;
  return {
    code: 'rr-below-minimum',
    severity: rr < 1 ? 'high' : 'medium',
    topic: 'reward-risk',
    // How far short of the minimum: 0 just under it, 1 at no reward at all.
    size: round(sizeBeyond(limits.minRewardRisk - rr, 0, limits.minRewardRisk)),
    message: `Reward:risk is ${fmt(rr)}R, below your minimum of ${fmt(limits.minRewardRisk)}R.`,
    evidence: {
      rr: round(rr),
      riskPerShare: round(risk),
      rewardPerShare: round(reward),
      minRewardRisk: limits.minRewardRisk,
    },
    mitigation: `A target at ${fmt(priceAt(plan, risk * limits.minRewardRisk, 'target'))} or a stop at ${fmt(priceAt(plan, reward / limits.minRewardRisk, 'stop'))} restores ${fmt(limits.minRewardRisk)}R.`,
  };
}

/**
 * Money at risk above the max risk per trade: by how much, and the whole shares that keep it
 * inside, with the risk those shares actually carry (never the budget restated).
 */
export function riskLimitIssue(plan: RiskPlan, limits: RiskLimits): Issue | undefined {
  const amount = riskAmount(plan.entry, plan.stop, plan.shares);
  if (amount === undefined) return undefined;
  const pct = (amount / limits.equity) * 100;
  if (pct <= limits.maxRiskPct + 1e-9) return undefined;
  const budget = (limits.equity * limits.maxRiskPct) / 100;
  const fit = sharesForRisk(budget, riskPerShare(plan.entry, plan.stop)) ?? 0;
  const fitRisk = riskAmount(plan.entry, plan.stop, fit) ?? 0;
  return {
    code: 'risk-above-limit',
    severity: pct > 2 * limits.maxRiskPct ? 'critical' : 'high',
    topic: 'position-risk',
    // Over the limit by 0x (just) to 3x and beyond.
    size: round(sizeBeyond(pct / limits.maxRiskPct, 1, 3)),
    message: `This risks ${fmt(amount)} (${fmt(pct)}% of equity ${fmt(limits.equity, 0)}), above your ${fmt(limits.maxRiskPct)}% limit by ${fmt(amount - budget)} (${fmt(pct / limits.maxRiskPct, 1)}x).`,
    evidence: {
      riskAmount: round(amount),
      riskPct: round(pct),
      maxRiskPct: limits.maxRiskPct,
      overBy: round(amount - budget),
      shares: plan.shares ?? null,
      sharesAtMaxRisk: fit,
      equity: limits.equity,
    },
    mitigation:
      fit > 0
        ? `${fit} shares keep the risk at ${fmt(fitRisk)} (${fmt((fitRisk / limits.equity) * 100)}% of equity), inside your ${fmt(limits.maxRiskPct)}% limit.`
        : `Even one share risks more than your ${fmt(limits.maxRiskPct)}% limit: the stop is too far for this account.`,
  };
}

/** A plan without a stop: the loss has no limit and R cannot be measured. */
export function stopRequiredIssue(plan: RiskPlan): Issue | undefined {
  if (plan.stop !== undefined) return undefined;
  return {
    code: 'no-stop',
    severity: 'high',
    topic: 'stop',
    message: 'No stop: the loss has no limit and R cannot be measured.',
    evidence: { entry: plan.entry },
    mitigation: 'Decide the stop now, where the idea is proven wrong, and size from it.',
  };
}

/** The checks an evaluation applies to risk, on plain numbers: used when a trade is opened too. */
export function riskRuleIssues(plan: RiskPlan, limits: RiskLimits): Issue[] {
  return [stopRequiredIssue(plan), riskLimitIssue(plan, limits), rewardRiskIssue(plan, limits)].filter(
    (i): i is Issue => i !== undefined,
  );
}

/**
 * Whole shares for a new stop that stay inside both the risk the trader proposed and the max
 * risk per trade, with the money those shares actually put at risk: a fix never suggests more
 * risk than the trader's own limit allows.
 */
export function resize(
  entry: number,
  newStop: number,
  proposedRisk: number | undefined,
  limits: Pick<RiskLimits, 'equity' | 'maxRiskPct'>,
): { shares: number; risk: number; riskPct: number } {
  const cap = (limits.equity * limits.maxRiskPct) / 100;
  const budget = proposedRisk === undefined ? cap : Math.min(proposedRisk, cap);
  const shares = sharesForRisk(budget, riskPerShare(entry, newStop)) ?? 0;
  const risk = riskAmount(entry, newStop, shares) ?? 0;
  return { shares, risk, riskPct: (risk / limits.equity) * 100 };
}

/** "13 shares keep 494.78 at risk (0.99% of equity)": the numbers of a resize, said once. */
export function resizeText(r: { shares: number; risk: number; riskPct: number }): string {
  if (r.shares <= 0) return 'not even one share fits your risk limit at that stop';
  return `${r.shares} share${r.shares === 1 ? '' : 's'} keep${r.shares === 1 ? 's' : ''} ${fmt(r.risk)} at risk (${fmt(r.riskPct)}% of equity)`;
}

/** The trader's limits as the risk rules read them, from a ContextPack's user. */
export function limitsOf(ctx: {
  user: { equity: number; rules: { maxRiskPct: number; minRewardRisk: number } };
}): RiskLimits {
  return {
    equity: ctx.user.equity,
    maxRiskPct: ctx.user.rules.maxRiskPct,
    minRewardRisk: ctx.user.rules.minRewardRisk,
  };
}

/** How far a fix may ask price to travel and still be advice someone would take. */
export const REACH = { atr: 2, pct: 10 } as const;

/** Whether a price is within reach of another: at most 2 ATR (when known) and 10% away. */
export function withinReach(from: number, to: number, atr: number | undefined): boolean {
  const distance = Math.abs(to - from);
  const pctOk = from > 0 && (distance / from) * 100 <= REACH.pct;
  return pctOk && (atr === undefined || atr <= 0 || distance / atr <= REACH.atr);
}
