import { pastStop, riskPerShare as perShareRisk } from '../evaluators/trade-math.js';
import { foldFills, type Fill, type TradeSide } from './position.js';

/** The fields of a trade intent that define a plan (a subset of the `trade_intents` row). */
export interface IntentPlan {
  intentId: string;
  symbol: string;
  side: TradeSide;
  status: string;
  createdAt: number;
  proposedEntry: number;
  proposedStop: number | null;
  proposedTarget: number | null;
  proposedSize: number | null;
  proposedNotional: number | null;
  proposedRiskPct: number | null;
  proposedRiskAmount: number | null;
}

export const DEFAULT_MATCH_DAYS = 5;
const DAY_MS = 86_400_000;
const MATCHABLE = new Set(['draft', 'evaluated']);

/**
 * The plan a new trade carries out: the latest intent of the same user, symbol and side that
 * is not yet taken (draft or evaluated), created at most `withinDays` before the trade opened.
 */
export function matchIntent<T extends IntentPlan>(
  candidates: readonly T[],
  trade: { symbol: string; side: TradeSide; openedAt: number },
  withinDays = DEFAULT_MATCH_DAYS,
): T | undefined {
  const earliest = trade.openedAt - withinDays * DAY_MS;
  return candidates
    .filter(
      (c) =>
        c.symbol === trade.symbol &&
        c.side === trade.side &&
        MATCHABLE.has(c.status) &&
        c.createdAt <= trade.openedAt &&
        c.createdAt >= earliest,
    )
    .reduce<T | undefined>((best, c) => (!best || c.createdAt > best.createdAt ? c : best), undefined);
}

export interface PlannedRisk {
  amount: number;
  source: 'intent-risk-amount' | 'intent-size' | 'intent-risk-pct' | 'intent-notional' | 'max-risk-rule';
}

/**
 * How much the plan allowed to lose: the intent's own size when it has one, otherwise the
 * trader's max-risk rule (equity x max risk %), so every trade has a budget to be checked against.
 */
export function plannedRisk(
  intent: IntentPlan | undefined,
  stop: number | undefined,
  user: { equity: number; maxRiskPct: number },
): PlannedRisk {
  const entry = intent?.proposedEntry;
  const rps = entry === undefined ? undefined : perShareRisk(entry, stop);
  if (intent?.proposedRiskAmount) return { amount: intent.proposedRiskAmount, source: 'intent-risk-amount' };
  if (intent?.proposedSize && rps) return { amount: intent.proposedSize * rps, source: 'intent-size' };
  if (intent?.proposedRiskPct)
    return { amount: (user.equity * intent.proposedRiskPct) / 100, source: 'intent-risk-pct' };
  if (intent?.proposedNotional && rps && entry)
    return { amount: (intent.proposedNotional / entry) * rps, source: 'intent-notional' };
  return { amount: (user.equity * user.maxRiskPct) / 100, source: 'max-risk-rule' };
}

export interface PlanCheck {
  rule: 'stop-set' | 'stop-honoured' | 'size-within-risk';
  ok: boolean;
  detail: string;
}

export interface PlanVerdict {
  followed: boolean;
  checks: PlanCheck[];
}

export interface PlanCheckInput {
  side: TradeSide;
  /** The stop in force at the exit: the last move, else the initial stop. */
  stop: number | undefined;
  /** The initial stop, when the stop was moved since. */
  initialStop?: number | undefined;
  /** Initial risk a share (the R unit, trade-math). */
  riskPerShare: number | undefined;
  /** Exit fill furthest on the losing side. */
  worstExit: number | undefined;
  peakRisk: number | undefined;
  plannedRisk: number | undefined;
}

// Exits a tenth of R through the stop are ordinary slippage; 10% over the risk budget is rounding of share counts.
export const PLAN_TOLERANCE = { stopR: 0.1, sizePct: 10 } as const;

/** Simple plan adherence: a stop existed, no exit went through it, the size kept to the budget. */
export function checkPlan(input: PlanCheckInput, tolerance = PLAN_TOLERANCE): PlanVerdict {
  const checks: PlanCheck[] = [];
  if (input.stop === undefined || !input.riskPerShare) {
    checks.push({
      rule: 'stop-set',
      ok: false,
      detail:
        input.riskPerShare && input.stop === undefined
          ? 'the stop was removed during the trade, so the risk was open-ended'
          : 'no stop was set, so the risk was open-ended',
    });
  } else if (input.worstExit !== undefined) {
    const beyond = pastStop(input.side, input.stop, input.worstExit);
    const beyondR = beyond / input.riskPerShare;
    const moved =
      input.initialStop !== undefined && input.initialStop !== input.stop
        ? ` (moved from ${px(input.initialStop)})`
        : '';
    checks.push(
      beyondR > tolerance.stopR
        ? {
            rule: 'stop-honoured',
            ok: false,
            detail: `the stop did not hold: exit at ${px(input.worstExit)} was ${px(beyond)} (${beyondR.toFixed(2)}R) past the stop ${px(input.stop)}${moved}, a late exit or slippage`,
          }
        : { rule: 'stop-honoured', ok: true, detail: `exits respected the stop ${px(input.stop)}${moved}` },
    );
  }
  if (input.peakRisk !== undefined && input.plannedRisk) {
    const overPct = (input.peakRisk / input.plannedRisk - 1) * 100;
    checks.push(
      overPct > tolerance.sizePct + 1e-9
        ? {
            rule: 'size-within-risk',
            ok: false,
            detail: `risked ${money(input.peakRisk)} against a plan of ${money(input.plannedRisk)} (${overPct.toFixed(0)}% over)`,
          }
        : {
            rule: 'size-within-risk',
            ok: true,
            detail: `risked ${money(input.peakRisk)} of ${money(input.plannedRisk)} planned`,
          },
    );
  }
  return { followed: checks.every((c) => c.ok), checks };
}

/**
 * The plan verdict of a trade from its fills: R from the initial (planned) stop and the fills'
 * own entry; "respected the stop" against the stop in force at the exit (`currentStop`: the last
 * move, null when removed; absent when the stop never moved).
 */
export function tradeVerdict(
  trade: {
    side: TradeSide;
    plannedStop: number | null;
    plannedRisk: number | null;
    currentStop?: number | null | undefined;
  },
  fills: readonly Fill[],
  tolerance = PLAN_TOLERANCE,
): PlanVerdict {
  const initialStop = trade.plannedStop ?? undefined;
  const state = foldFills(trade.side, fills, initialStop);
  const riskPerShare = state.initialRisk ? state.initialRisk / state.entryQty : undefined;
  const stop = trade.currentStop === undefined ? initialStop : (trade.currentStop ?? undefined);
  return checkPlan(
    {
      side: trade.side,
      stop,
      initialStop,
      riskPerShare,
      worstExit: state.worstExit,
      peakRisk: state.peakRisk,
      plannedRisk: trade.plannedRisk ?? undefined,
    },
    tolerance,
  );
}

function px(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 4, useGrouping: false });
}

export function money(value: number): string {
  const sign = value < 0 ? '-' : '';
  return `${sign}$${Math.abs(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
