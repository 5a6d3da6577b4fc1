import type { EntryWarning, Finding, Levels } from './types.js';

export type WarningOutcomeKind = 'heeded' | 'acknowledged' | 'ignored';

/** The high-severity warnings are the ones the grade asks about. */
export const WEIGHED = new Set(['high', 'critical']);

/** A warning about one of the trader's rules is heeded when that rule held at entry (entry-rules.ts). */
export const RULE_OF: Record<string, string> = {
  'risk-above-limit': 'rule-max-risk',
  'position-too-large': 'rule-max-position',
  'rr-below-minimum': 'rule-min-reward-risk',
  'no-stop': 'rule-stop-required',
  'daily-loss-limit-reached': 'rule-daily-loss-limit',
  'daily-loss-limit-at-risk': 'rule-daily-loss-limit',
};

/**
 * What any other warning is about, so that changing it heeds the warning: its stop, its entry,
 * its target; everything else (regime, volatility, liquidity, events) is mitigated by size, so a
 * smaller size than the idea proposed heeds it.
 */
export function fieldOf(code: string): 'stop' | 'entry' | 'target' | 'size' {
  if (code.startsWith('stop-')) return 'stop';
  if (code.startsWith('entry-') || code === 'counter-trend-entry') return 'entry';
  if (code.startsWith('target') || code === 'level-before-target' || code === 'no-target') return 'target';
  return 'size';
}

const differs = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? a !== b : Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a));

function heeded(code: string, proposed: Levels, actual: Levels, brokenRules: ReadonlySet<string>): boolean {
  const rule = RULE_OF[code];
  if (rule) return !brokenRules.has(rule);
  const field = fieldOf(code);
  if (field === 'size')
    return proposed.shares !== undefined && actual.shares !== undefined && actual.shares < proposed.shares;
  return differs(proposed[field], actual[field]);
}

const HOW: Record<WarningOutcomeKind, string> = {
  heeded: 'heeded: the trade changed what it was about',
  acknowledged: 'taken knowingly, with your reason',
  ignored: 'ignored: the trade went ahead unchanged, with no reason recorded',
};

/**
 * What the trader did with each high-severity warning of the evaluation behind the trade:
 * heeded (the trade changed what the warning was about), acknowledged with a reason (given with
 * `/trade open ... because <reason>`), or ignored. Heeded costs nothing; acknowledged a little
 * (severity low); ignored counts against the process (medium for a high warning, high for a
 * critical one). A warning about a rule that was broken at entry costs nothing here: the broken
 * rule's own finding carries the cost, so it is not counted twice. Pure.
 */
export function warningFindings(input: {
  warnings: readonly EntryWarning[];
  proposed: Levels | undefined;
  actual: Levels;
  brokenRules: ReadonlySet<string>;
  acknowledgement?: string | undefined;
}): Finding[] {
  const reason = input.acknowledgement?.trim() || undefined;
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const w of input.warnings) {
    if (!WEIGHED.has(w.severity) || seen.has(w.code)) continue;
    seen.add(w.code);
    const outcome: WarningOutcomeKind =
      input.proposed && heeded(w.code, input.proposed, input.actual, input.brokenRules)
        ? 'heeded'
        : reason
          ? 'acknowledged'
          : 'ignored';
    const countedByRule = RULE_OF[w.code] !== undefined && outcome !== 'heeded';
    const severity: Finding['severity'] =
      outcome === 'heeded' || countedByRule
        ? 'info'
        : outcome === 'acknowledged'
          ? 'low'
          : w.severity === 'critical'
            ? 'high'
            : 'medium';
    out.push({
      code: `warning-${outcome}`,
      kind: 'warning',
      severity,
      followedPlan: outcome === 'heeded',
      message: `The ${w.severity} warning "${w.message}" was ${HOW[outcome]}${outcome === 'acknowledged' ? `: "${reason}"` : ''}.`,
      evidence: {
        warning: w.code,
        warningSeverity: w.severity,
        outcome,
        reason: outcome === 'acknowledged' ? (reason ?? null) : null,
      },
    });
  }
  return out;
}
