import type { Excursions, Finding, PostTradeReview, WarningOutcome } from './types.js';

const r2 = (v: number) => Math.round(v * 100) / 100;

const LESSON: Record<string, string> = {
  'entry-chased': 'Wait for your price or re-plan: chasing the entry shrinks R:R before the trade starts.',
  'no-stop-planned': 'Decide the stop before the entry; without it the size is a guess.',
  'stop-removed': 'A stop removed mid-trade turns a planned loss into an open-ended one.',
  'stop-widened': 'Widening a stop adds risk after the fact; move stops only toward profit.',
  'stop-overrun':
    'Use a stop order at the planned level so the exit does not depend on a decision under stress.',
  'held-through-stop': 'When price reaches the stop the idea is wrong: exit as planned.',
  oversized: 'Size from the stop: shares = risk budget / distance to the stop.',
  'time-stop-ignored': 'Honour the time stop: a stalled idea ties up risk and attention.',
  'early-exit': 'Write down why you exit early; if it is fear, a partial exit keeps the plan alive.',
  'target-touched-not-taken': 'Resting a limit order at the target takes the profit the plan asked for.',
  'rule-max-risk': 'Size from your own limit: shares = equity x max risk % / distance to the stop.',
  'rule-max-position':
    'Keep the position inside your max position: fewer shares, or a smaller account share.',
  'rule-min-reward-risk':
    'Take only plans that reach your minimum reward:risk from the price you actually pay.',
  'rule-stop-required': 'Your rules ask for a stop: set it before the entry.',
  'rule-daily-loss-limit':
    'Past the daily loss limit the day is over by your own rule: write the idea down for tomorrow.',
  'warning-ignored':
    'Before trading against a high-severity warning, change the plan or write down why (`/trade open ... because <reason>`).',
  'added-to-loser':
    'Adding to a losing position raises risk when the idea is failing; add only to winners, if at all.',
};

// Said after the finding's own numbers, where the fact alone undersells what went right.
const PRAISE: Record<string, string> = {
  'exit-at-stop': 'That is the plan working.',
  'exit-at-target': 'The plan was carried out to the end.',
  'exit-at-trailed-stop': 'Trailing protected the open profit.',
  'stop-trailed': 'Stops moved only toward profit.',
};

export function lessonsFrom(
  findings: readonly Finding[],
  ex: Excursions,
  realisedR: number | null,
  verdict: PostTradeReview['verdict'],
): Pick<PostTradeReview, 'keyLessons' | 'wentWell' | 'toImprove'> {
  const violations = findings.filter((f) => !f.followedPlan);
  const wentWell = findings
    .filter((f) => f.followedPlan)
    .map((f) => (PRAISE[f.code] ? `${f.message} ${PRAISE[f.code]}` : f.message));
  const toImprove = violations.map((f) => f.message);
  const keyLessons = [
    ...new Set(violations.map((f) => LESSON[f.code]).filter((l): l is string => Boolean(l))),
  ];
  if (
    ex.capturedPct !== null &&
    realisedR !== null &&
    realisedR > 0 &&
    ex.capturedPct < 40 &&
    ex.bestExitR !== null
  ) {
    keyLessons.push(
      `The market offered ${r2(ex.bestExitR)}R and the trade kept ${r2(realisedR)}R (${Math.round(ex.capturedPct)}%): review how exits are managed.`,
    );
  }
  if (verdict === 'good win' && keyLessons.length === 0)
    keyLessons.push('A good win: the plan and its execution made the result. This is the trade to repeat.');
  if (verdict === 'good loss')
    keyLessons.push(
      'A good loss: the plan was followed and the loss was the planned size. Nothing to fix in the process.',
    );
  if (verdict === 'bad win')
    keyLessons.push(
      'A bad win: the profit came despite the process. Repeating these deviations will cost more than it earned.',
    );
  return { keyLessons: keyLessons.slice(0, 5), wentWell, toImprove };
}

export interface WarningFacts {
  stoppedOut: boolean;
  /** What the stop-overrun finding said, when the exit went past the stop. */
  stopOverrun?: string | undefined;
  side?: 'long' | 'short' | undefined;
  avgExit?: number | undefined;
  /** The best price reached while held (MFE side). */
  bestExitPrice?: number | undefined;
  riskPerShare?: number | null | undefined;
  atr?: number | null | undefined;
  /** Whether price reached the first target while held; null when the plan had none. */
  targetReached: boolean | null;
  maeR: number | null;
  maeAtr: number | null;
  realisedR: number | null;
  capturedPct: number | null;
  findings: readonly Finding[];
}

// Entry-timing warnings all say "price may come back against you first": an adverse move of
// half the planned risk or more is that warning coming true.
const PULLBACK_WARNINGS = new Set([
  'entry-extended',
  'entry-after-run',
  'entry-after-gap',
  'entry-after-wide-bar',
  'entry-into-level',
  'counter-trend-entry',
  'htf-trend-conflict',
]);
const PULLBACK_R = -0.5;

/** Whether the warnings raised before the trade came true, where the fills and bars can tell. */
export function warningOutcomes(
  warnings: readonly { code: string; message: string; level?: number | undefined }[],
  facts: WarningFacts,
): WarningOutcome[] {
  return warnings.map(({ code, message, level }) => ({
    code,
    message,
    ...(code === 'level-before-target' && level !== undefined
      ? levelOutcome(level, facts)
      : outcomeOf(code, facts)),
  }));
}

/**
 * A level in the way comes true only when price failed there: it came near the level and the
 * exit came before it. A trade that went through the level proves it wrong; one that never came
 * near did not test it.
 */
export function levelOutcome(level: number, facts: WarningFacts): Pick<WarningOutcome, 'cameTrue' | 'why'> {
  const { side, avgExit, bestExitPrice } = facts;
  if (side === undefined || avgExit === undefined || bestExitPrice === undefined)
    return { cameTrue: null, why: 'Not checkable from the fills and bars.' };
  const dir = side === 'long' ? 1 : -1;
  const near = Math.max(0.1 * (facts.riskPerShare ?? 0), 0.25 * (facts.atr ?? 0), level * 0.005);
  if (dir * (avgExit - level) >= 0)
    return {
      cameTrue: false,
      why: `The trade went through ${r2(level)} and exited at ${r2(avgExit)}, beyond it.`,
    };
  if (dir * (bestExitPrice - level) >= -near)
    return {
      cameTrue: true,
      why: `Price reached ${r2(bestExitPrice)}, at the level ${r2(level)}, and turned back: the exit came at ${r2(avgExit)}, before it.`,
    };
  return {
    cameTrue: null,
    why: `Price got no nearer than ${r2(bestExitPrice)} to the level ${r2(level)}: the warning was not tested.`,
  };
}

function outcomeOf(code: string, facts: WarningFacts): Pick<WarningOutcome, 'cameTrue' | 'why'> {
  if (PULLBACK_WARNINGS.has(code)) {
    if (facts.maeR === null) return { cameTrue: null, why: 'No R without a stop.' };
    return facts.maeR <= PULLBACK_R
      ? { cameTrue: true, why: `Price moved ${r2(-facts.maeR)}R against the entry while held.` }
      : { cameTrue: false, why: `Price moved at most ${r2(-facts.maeR)}R against the entry.` };
  }
  switch (code) {
    case 'stop-inside-noise':
    case 'stop-inside-level':
      if (facts.stopOverrun) return { cameTrue: true, why: facts.stopOverrun };
      return { cameTrue: facts.stoppedOut, why: facts.stoppedOut ? 'The stop was hit.' : 'The stop held.' };
    case 'rr-below-minimum':
      return {
        cameTrue: facts.realisedR === null ? null : facts.realisedR < 1,
        why:
          facts.realisedR === null ? 'No R without a stop.' : `The trade returned ${r2(facts.realisedR)}R.`,
      };
    case 'risk-above-limit':
    case 'position-too-large':
      return {
        cameTrue: facts.realisedR !== null && facts.realisedR < 0,
        why: 'An oversized position matters when the trade loses.',
      };
    case 'no-stop':
      return {
        cameTrue:
          facts.maeR === null ? facts.findings.some((f) => f.code === 'no-stop-planned') : facts.maeR < -1,
        why: 'Without a stop the adverse move had no limit.',
      };
    case 'target-beyond-timeframe':
    case 'level-before-target':
      if (facts.targetReached === null) return { cameTrue: null, why: 'The plan had no target.' };
      return {
        cameTrue: !facts.targetReached,
        why: facts.targetReached
          ? 'Price reached the target while held.'
          : 'Price did not reach the target while held.',
      };
    case 'no-target':
      if (facts.capturedPct === null)
        return { cameTrue: null, why: 'The market offered no open profit to keep.' };
      return {
        cameTrue: facts.capturedPct < 50,
        why: `Without a target the exit kept ${Math.round(facts.capturedPct)}% of the best move.`,
      };
    case 'volatility-expanding':
      if (facts.maeAtr === null) return { cameTrue: null, why: 'No ATR at entry to measure against.' };
      return { cameTrue: facts.maeAtr <= -1, why: `The adverse move reached ${r2(-facts.maeAtr)} ATR.` };
    default:
      return { cameTrue: null, why: 'Not checkable from the fills and bars.' };
  }
}
