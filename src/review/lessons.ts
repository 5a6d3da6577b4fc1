import type { Excursions, Finding, PostTradeReview, WarningOutcome } from './types.js';

const r2 = (v: number) => Math.round(v * 100) / 100;

const LESSON: Record<string, string> = {
  'entry-chased': 'Wait for your price or re-plan: chasing the entry shrinks R:R before the trade starts.',
  'no-stop-planned': 'Decide the stop before the entry; without it the size is a guess.',
  'stop-removed': 'A stop removed mid-trade turns a planned loss into an open-ended one.',
  'stop-widened': 'Widening a stop adds risk after the fact; move stops only toward profit.',
  'stop-overrun': 'Use a stop order at the planned level so the exit does not depend on a decision under stress.',
  'held-through-stop': 'When price reaches the stop the idea is wrong: exit as planned.',
  oversized: 'Size from the stop: shares = risk budget / distance to the stop.',
  'time-stop-ignored': 'Honour the time stop: a stalled idea ties up risk and attention.',
  'early-exit': 'Write down why you exit early; if it is fear, a partial exit keeps the plan alive.',
  'target-touched-not-taken': 'Resting a limit order at the target takes the profit the plan asked for.',
  'added-to-loser': 'Adding to a losing position raises risk when the idea is failing; add only to winners, if at all.',
};

const PRAISE: Record<string, string> = {
  'entry-as-planned': 'Entry at the planned price.',
  'size-as-planned': 'Size kept the risk within the plan.',
  'exit-at-stop': 'The loss was taken at the planned stop: that is the plan working.',
  'exit-at-target': 'Took profit at the target.',
  'exit-at-time-stop': 'Exited on the time stop as planned.',
};

export function lessonsFrom(findings: readonly Finding[], ex: Excursions, realisedR: number | null, verdict: PostTradeReview['verdict']): Pick<PostTradeReview, 'keyLessons' | 'wentWell' | 'toImprove'> {
  const violations = findings.filter((f) => !f.followedPlan);
  const wentWell = findings.filter((f) => f.followedPlan).map((f) => PRAISE[f.code] ?? f.message);
  const toImprove = violations.map((f) => f.message);
  const keyLessons = [...new Set(violations.map((f) => LESSON[f.code]).filter((l): l is string => Boolean(l)))];
  if (ex.capturedPct !== null && realisedR !== null && realisedR > 0 && ex.capturedPct < 40 && ex.bestExitR !== null) {
    keyLessons.push(`The market offered ${r2(ex.bestExitR)}R and the trade kept ${r2(realisedR)}R (${Math.round(ex.capturedPct)}%): review how exits are managed.`);
  }
  if (verdict === 'good loss') keyLessons.push('A good loss: the plan was followed and the loss was the planned size. Nothing to fix in the process.');
  if (verdict === 'bad win') keyLessons.push('A bad win: the profit came despite the process. Repeating these deviations will cost more than it earned.');
  return { keyLessons: keyLessons.slice(0, 5), wentWell, toImprove };
}

/** Whether the warnings raised before the trade came true, where the fills and bars can tell. */
export function warningOutcomes(
  warnings: readonly { code: string; message: string }[],
  facts: { stoppedOut: boolean; maeR: number | null; realisedR: number | null; findings: readonly Finding[] },
): WarningOutcome[] {
  return warnings.map(({ code, message }) => {
    switch (code) {
      case 'stop-inside-noise':
        return { code, message, cameTrue: facts.stoppedOut, why: facts.stoppedOut ? 'The tight stop was hit.' : 'The stop held.' };
      case 'rr-below-minimum':
        return { code, message, cameTrue: facts.realisedR === null ? null : facts.realisedR < 1, why: facts.realisedR === null ? 'No R without a stop.' : `The trade returned ${r2(facts.realisedR)}R.` };
      case 'risk-above-limit':
      case 'position-too-large':
        return { code, message, cameTrue: facts.realisedR !== null && facts.realisedR < 0, why: 'An oversized position matters when the trade loses.' };
      case 'no-stop':
        return { code, message, cameTrue: facts.maeR === null ? facts.findings.some((f) => f.code === 'no-stop-planned') : facts.maeR < -1, why: 'Without a stop the adverse move had no limit.' };
      case 'no-time-stop':
        return { code, message, cameTrue: null, why: 'Not measurable from the fills alone.' };
      default:
        return { code, message, cameTrue: null, why: 'Not checkable from the fills and bars.' };
    }
  });
}
