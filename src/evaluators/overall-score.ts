import { severityRank, type Issue, type Severity } from './types.js';

/**
 * The overall score of a plan, 0-100: how much of it is wrong and by how much.
 *
 * It starts from the weighted mean of the modules' own scores and multiplies in one factor per
 * finding, `1 - (base + extra * size)` by severity, where `size` (0-1) says how far past its
 * threshold the finding is. So one high finding and three read differently (about 65 against
 * 30 on an otherwise clean plan), a finding far past its line weighs more than one just over it,
 * and low findings nudge rather than sink. The worst severity still bounds the score from above
 * so the badge and the number never disagree: a critical finding keeps it at or under 35, a high
 * one at or under 70, a medium one at or under 90. Findings of one topic count once (the
 * orchestrator dedupes before it scores); info-level advice does not count.
 */
const PENALTY: Record<Severity, { base: number; extra: number }> = {
  info: { base: 0, extra: 0 },
  low: { base: 0.02, extra: 0.04 },
  medium: { base: 0.08, extra: 0.1 },
  high: { base: 0.2, extra: 0.16 },
  critical: { base: 0.4, extra: 0.2 },
};

const CAP: Partial<Record<Severity, number>> = { critical: 35, high: 70, medium: 90 };

/** The size a finding without its own counts as. */
export const DEFAULT_SIZE = 0.5;

export function findingFactor(issue: Pick<Issue, 'severity' | 'size'>): number {
  const { base, extra } = PENALTY[issue.severity];
  return 1 - (base + extra * (issue.size ?? DEFAULT_SIZE));
}

export function overallScore(
  moduleMean: number,
  issues: readonly Pick<Issue, 'severity' | 'size'>[],
): number {
  let score = Math.max(0, Math.min(100, moduleMean));
  for (const issue of issues) score *= findingFactor(issue);
  const worst = issues.reduce<Severity | undefined>(
    (w, i) => (i.severity !== 'info' && (!w || severityRank(i.severity) > severityRank(w)) ? i.severity : w),
    undefined,
  );
  const cap = worst ? CAP[worst] : undefined;
  return Math.round(cap === undefined ? score : Math.min(score, cap));
}

/** Topics of findings that break the trader's own limits (reward:risk, risk per trade). */
const OWN_RULE_TOPICS = new Set(['reward-risk', 'position-risk']);
const ownRule = (issue: Pick<Issue, 'topic'>): number => (OWN_RULE_TOPICS.has(issue.topic ?? '') ? 1 : 0);

/**
 * Order of findings: by severity; within a severity the trader's own broken limits first (they
 * are the trader's, and the replay found the plan's arithmetic is what the warnings measurably get
 * right), then by how big the finding is weighted by its module's weight, then by that weight.
 */
export function compareFindings(
  a: Pick<Issue, 'severity' | 'size' | 'topic'> & { module: string },
  b: Pick<Issue, 'severity' | 'size' | 'topic'> & { module: string },
  weightOf: (module: string) => number,
): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    ownRule(b) - ownRule(a) ||
    (b.size ?? DEFAULT_SIZE) * weightOf(b.module) - (a.size ?? DEFAULT_SIZE) * weightOf(a.module) ||
    weightOf(b.module) - weightOf(a.module)
  );
}
