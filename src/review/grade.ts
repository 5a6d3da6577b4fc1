import type { Finding, Grade, PostTradeReview } from './types.js';

const PENALTY = { info: 0, low: 5, medium: 15, high: 30 } as const;

/**
 * A rule of the trader's broken at entry caps the process at 70: grade C at best, and below the
 * 75 a verdict needs to call the trade good. Following a plan that broke the rules is not a good
 * process.
 */
export const RULE_BROKEN_CAP = 70;

/**
 * Process score: plan adherence, the trader's rules at entry and what was done with the
 * high-severity warnings (every finding that counts against the process costs by its severity);
 * the P&L never enters it.
 */
export function processScore(findings: readonly Finding[], hasPlan: boolean): number {
  let score = 100 - findings.filter((f) => !f.followedPlan).reduce((s, f) => s + PENALTY[f.severity], 0);
  // Without a plan there is nothing to adhere to: the best process grade is C.
  if (!hasPlan) score = Math.min(score, 70);
  if (findings.some((f) => f.kind === 'rule')) score = Math.min(score, RULE_BROKEN_CAP);
  return Math.max(0, score);
}

export function gradeOf(score: number): Grade {
  return score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 65 ? 'C' : score >= 50 ? 'D' : 'F';
}

/** Outcome from R when the plan had a stop, else from the sign of the P&L. */
export function outcomeGrade(realisedR: number | null, pnl: number): Grade {
  if (realisedR === null) return pnl > 0 ? 'B' : pnl < 0 ? 'D' : 'C';
  return realisedR >= 2
    ? 'A'
    : realisedR >= 0.5
      ? 'B'
      : realisedR > -0.25
        ? 'C'
        : realisedR >= -1.1
          ? 'D'
          : 'F';
}

/** Names the combination a coach cares about: a good loss is fine, a bad win is a warning. */
export function verdictOf(score: number, realisedR: number | null, pnl: number): PostTradeReview['verdict'] {
  const win = realisedR !== null ? realisedR >= 0.25 : pnl > 0;
  const loss = realisedR !== null ? realisedR <= -0.25 : pnl < 0;
  if (!win && !loss) return 'scratch';
  const good = score >= 75;
  if (win) return good ? 'good win' : 'bad win';
  return good ? 'good loss' : 'bad loss';
}
