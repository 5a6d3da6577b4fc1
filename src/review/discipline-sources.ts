import type { EvaluationRepository, TradeRepository, TradeRow } from '../db/index.js';
import type { UserContext } from '../market/context/index.js';
import { proposedLevels, type ReviewSources } from './trade-input.js';
import type { EntryRules } from './types.js';

/** Which rules were in force: the versions an evaluation recorded, else the ones in force at a time. */
export interface RulesAt {
  at: Date;
  version?: number | null | undefined;
  teamVersion?: number | null | undefined;
}

export interface DisciplineDeps {
  trades: Pick<TradeRepository, 'closedBetween'>;
  /** The trader's limits in force (accounts/settings `rulesAt`); absent: rules are not judged. */
  rulesAt?: ((userId: string, at: RulesAt) => Promise<UserContext>) | undefined;
}

function entryRulesOf(user: UserContext): EntryRules {
  return {
    equity: user.equity,
    maxRiskPct: user.rules.maxRiskPct,
    maxPositionPct: user.rules.maxPositionPct,
    minRewardRisk: user.rules.minRewardRisk,
    requireStop: user.rules.requireStop,
    dailyLossLimitPct: user.rules.dailyLossLimitPct,
    version: user.rulesVersion,
    teamVersion: user.teamRulesVersion ?? 0,
  };
}

/**
 * What the entry's discipline is judged on: the rules at entry (the versions the linked
 * evaluation recorded, else those in force at the open), the idea as evaluated with its issues,
 * the trader's reason and the day's realised P&L before the open.
 */
export async function disciplineOf(
  deps: DisciplineDeps,
  trade: TradeRow,
  evaluation: Awaited<ReturnType<EvaluationRepository['getEvaluation']>>,
): Promise<ReviewSources['discipline']> {
  const midnight = new Date(trade.openTs);
  midnight.setUTCHours(0, 0, 0, 0);
  const [user, closedToday] = await Promise.all([
    deps.rulesAt?.(trade.userId, {
      at: trade.openTs,
      version: evaluation?.evaluation.rulesVersion,
      teamVersion: evaluation?.evaluation.teamRulesVersion,
    }),
    deps.trades.closedBetween(trade.userId, midnight, trade.openTs),
  ]);
  const rules = user ? entryRulesOf(user) : undefined;
  return {
    rules,
    proposed: evaluation ? proposedLevels(evaluation.intent, rules?.equity) : undefined,
    entryWarnings: (evaluation?.items ?? [])
      .filter((i) => i.shown)
      .map((i) => ({ code: i.issueCode, severity: i.severity, message: i.message })),
    acknowledgement: trade.entryReason ?? undefined,
    // closedBetween matches by prefix: this trader's trades only, and never this one.
    pnlTodayBefore: closedToday
      .filter((t) => t.userId === trade.userId && t.tradeId !== trade.tradeId)
      .reduce((sum, t) => sum + t.pnl, 0),
  };
}
