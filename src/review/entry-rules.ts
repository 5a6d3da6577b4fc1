import { initialRisk } from '../evaluators/trade-math.js';
import type { FillSummary } from './fills.js';
import type { EntryRules, Finding } from './types.js';

const r2 = (v: number) => Math.round(v * 100) / 100;
const fmt = (v: number) => r2(v).toLocaleString('en-US', { maximumFractionDigits: 2, useGrouping: false });

/** What the entry is judged on: the trade's own fills, its stop and target at entry, and the day so far. */
export interface EntryFacts {
  side: 'long' | 'short';
  fills: Pick<FillSummary, 'entries' | 'avgEntry' | 'maxQty'>;
  /** The stop and first target in force when the trade was opened. */
  stop: number | undefined;
  target: number | undefined;
  /** Realised P&L of the trader's trades closed earlier the same UTC day (undefined: unknown). */
  pnlTodayBefore?: number | undefined;
}

/**
 * The broken rule's finding: named by the rule (`rule-max-risk`), with the limit and the actual
 * number in the message and the evidence. Every broken rule counts against the process and caps
 * the grade (grade.ts).
 */
function broken(
  rule: string,
  label: string,
  message: string,
  evidence: Finding['evidence'],
  rules: EntryRules,
): Finding {
  return {
    code: `rule-${rule}`,
    kind: 'rule',
    severity: 'medium',
    followedPlan: false,
    message: `Broke your ${label} rule at entry: ${message}`,
    evidence: { ...evidence, rule: label, rulesVersion: rules.version, teamRulesVersion: rules.teamVersion },
  };
}

/**
 * The actual entry (fills, size, stop) against the trader's rules in force at entry: max risk per
 * trade, max position, min reward:risk, stop required and the daily loss limit. One finding per
 * broken rule; none when every rule held. Pure.
 */
export function entryRuleFindings(entry: EntryFacts, rules: EntryRules): Finding[] {
  const out: Finding[] = [];
  const { equity } = rules;
  const risk = initialRisk(entry.fills.entries, entry.stop);
  if (entry.stop === undefined && rules.requireStop)
    out.push(
      broken(
        'stop-required',
        'stop required',
        'the trade was opened without a stop, so its loss had no limit.',
        { stop: null, requireStop: true },
        rules,
      ),
    );
  if (risk !== undefined) {
    const pct = (risk / equity) * 100;
    if (pct > rules.maxRiskPct + 1e-9)
      out.push(
        broken(
          'max-risk',
          'max risk per trade',
          `${fmt(risk)} at risk to the stop, ${fmt(pct)}% of equity ${fmt(equity)}, against a limit of ${fmt(rules.maxRiskPct)}%.`,
          { riskAmount: r2(risk), riskPct: r2(pct), maxRiskPct: rules.maxRiskPct, equity },
          rules,
        ),
      );
  }
  const notional = entry.fills.maxQty * entry.fills.avgEntry;
  const positionPct = (notional / equity) * 100;
  if (Number.isFinite(positionPct) && positionPct > rules.maxPositionPct + 1e-9)
    out.push(
      broken(
        'max-position',
        'max position',
        `a position of ${fmt(notional)}, ${fmt(positionPct)}% of equity ${fmt(equity)}, against a limit of ${fmt(rules.maxPositionPct)}%.`,
        {
          notional: r2(notional),
          positionPct: r2(positionPct),
          maxPositionPct: rules.maxPositionPct,
          equity,
        },
        rules,
      ),
    );
  if (entry.stop !== undefined && entry.target !== undefined) {
    const perShare = Math.abs(entry.fills.avgEntry - entry.stop);
    const rr = perShare > 0 ? Math.abs(entry.target - entry.fills.avgEntry) / perShare : undefined;
    if (rr !== undefined && rr < rules.minRewardRisk - 1e-9)
      out.push(
        broken(
          'min-reward-risk',
          'min reward:risk',
          `${fmt(rr)}R from the average entry ${fmt(entry.fills.avgEntry)} to the target ${fmt(entry.target)}, against a minimum of ${fmt(rules.minRewardRisk)}R.`,
          { rr: r2(rr), minRewardRisk: rules.minRewardRisk },
          rules,
        ),
      );
  }
  const dailyFinding = dailyLossFinding(entry, rules, risk);
  if (dailyFinding) out.push(dailyFinding);
  return out;
}

/** Past the daily loss limit before the entry, or a full loss on this trade would have passed it. */
function dailyLossFinding(
  entry: EntryFacts,
  rules: EntryRules,
  risk: number | undefined,
): Finding | undefined {
  if (rules.dailyLossLimitPct === undefined || entry.pnlTodayBefore === undefined) return undefined;
  const limit = (rules.equity * rules.dailyLossLimitPct) / 100;
  const lost = Math.max(0, -entry.pnlTodayBefore);
  const evidence = {
    dailyLossLimitPct: rules.dailyLossLimitPct,
    dailyLossLimit: r2(limit),
    lostToday: r2(lost),
  };
  if (lost >= limit - 1e-9)
    return broken(
      'daily-loss-limit',
      'daily loss limit',
      `${fmt(lost)} was already lost that day, at or past the limit of ${fmt(limit)} (${fmt(rules.dailyLossLimitPct)}% of equity).`,
      evidence,
      rules,
    );
  if (risk !== undefined && lost + risk > limit + 1e-9)
    return broken(
      'daily-loss-limit',
      'daily loss limit',
      `${lost > 0 ? `with ${fmt(lost)} already lost that day, ` : ''}a full loss of ${fmt(risk)} would have ${lost > 0 ? `reached ${fmt(lost + risk)},` : 'gone'} past the limit of ${fmt(limit)} (${fmt(rules.dailyLossLimitPct)}% of equity).`,
      { ...evidence, riskAmount: r2(risk) },
      rules,
    );
  return undefined;
}
