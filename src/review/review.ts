import { initialRisk, rMultiple } from '../evaluators/trade-math.js';
import { barsHeld, barSpan, coverageOf, excursions, timeframeSpan } from './excursions.js';
import { summarizeFills } from './fills.js';
import { entryDiscipline } from './discipline.js';
import { planFindings } from './findings.js';
import { gradeOf, outcomeGrade, processScore, verdictOf } from './grade.js';
import { lessonsFrom, warningOutcomes } from './lessons.js';
import type { Finding, PostTradeReview, ReviewInput } from './types.js';

// 3: the process grade weighs the trader's rules at entry and the high-severity warnings.
export const REVIEW_VERSION = 3;

// Findings that mean price reached the stop in force: at it, through it, or held past it.
const STOPPED = new Set(['exit-at-stop', 'stop-overrun', 'held-through-stop', 'exit-at-trailed-stop']);

/**
 * Reviews a closed trade: plan vs execution, the rules at entry and the warnings, MAE/MFE, a
 * process grade from those (never the P&L) and a separate outcome grade from R. Pure.
 */
export function reviewTrade(input: ReviewInput): PostTradeReview {
  const fills = summarizeFills(input.side, input.fills);
  if (fills.qtyOut < fills.qtyIn)
    throw new Error(
      `the trade is still open (${fills.qtyIn - fills.qtyOut} shares): review it after it closes`,
    );
  const dir = input.side === 'long' ? 1 : -1;
  const stop = input.plan?.stop;
  // 1R as on the trade itself (trade-math): the fills' own entries to the initial stop; never an
  // idea's proposed entry. Per share it is that over the shares bought.
  const oneR = initialRisk(fills.entries, stop);
  const riskPerShare = oneR === undefined ? null : oneR / fills.qtyIn;
  const realisedPerShare = dir * (fills.avgExit - fills.avgEntry);
  const realisedR = rMultiple(fills.pnl, oneR) ?? null;
  const timeframe = input.timeframe ?? input.plan?.timeframe ?? '1d';
  // Weekly and monthly bars are not evenly spaced in ms: the nominal span of the timeframe wins.
  const span = timeframeSpan(timeframe) ?? barSpan(input.bars);
  const held = barsHeld(input.bars, fills.openTs, fills.closeTs, span);
  const ex = excursions({
    side: input.side,
    avgEntry: fills.avgEntry,
    realisedPerShare,
    riskPerShare,
    atr: input.atrAtEntry ?? null,
    held,
    fillPrices: input.fills.map((f) => f.price),
    coverage: coverageOf(held, span, fills.openTs, fills.closeTs),
  });
  const planned: Finding[] = input.plan
    ? planFindings({ side: input.side, plan: input.plan, fills, held, stopChanges: input.stopChanges ?? [] })
    : [
        {
          code: 'no-plan',
          kind: 'adherence',
          severity: 'medium',
          followedPlan: false,
          message: 'No plan was recorded for this trade, so adherence cannot be checked.',
          evidence: {},
        },
      ];
  const findings = [
    ...planned,
    ...entryDiscipline({
      side: input.side,
      plan: input.plan,
      fills,
      rules: input.rules,
      warnings: input.entryWarnings ?? [],
      proposed: input.proposed,
      acknowledgement: input.acknowledgement,
      pnlTodayBefore: input.pnlTodayBefore,
    }),
  ];
  const score = processScore(findings, Boolean(input.plan));
  const verdict = verdictOf(score, realisedR, fills.pnl);
  const stoppedOut = findings.some((f) => STOPPED.has(f.code));
  const overrun = findings.find((f) => f.code === 'stop-overrun');
  const target = input.plan?.targets[0];
  const targetReached = target === undefined ? null : dir * (ex.bestExitPrice - target) >= 0;
  return {
    version: REVIEW_VERSION,
    symbol: input.symbol,
    side: input.side,
    timeframe,
    openTs: fills.openTs,
    closeTs: fills.closeTs,
    plan: input.plan ?? null,
    atrAtEntry: input.atrAtEntry ?? null,
    fees: fills.fees,
    avgEntry: fills.avgEntry,
    avgExit: fills.avgExit,
    qty: fills.qtyIn,
    pnl: fills.pnl,
    realisedR,
    riskPerShare,
    excursions: ex,
    findings,
    processScore: score,
    processGrade: gradeOf(score),
    outcomeGrade: outcomeGrade(realisedR, fills.pnl),
    verdict,
    ...lessonsFrom(findings, ex, realisedR, verdict),
    warnings: warningOutcomes(input.warnings ?? [], {
      stoppedOut,
      stopOverrun: overrun ? overrun.message : undefined,
      targetReached,
      side: input.side,
      avgExit: fills.avgExit,
      bestExitPrice: ex.bestExitPrice,
      riskPerShare,
      atr: input.atrAtEntry ?? null,
      maeR: ex.maeR,
      maeAtr: ex.maeAtr,
      realisedR,
      capturedPct: ex.capturedPct,
      findings,
    }),
  };
}
