import { initialRisk, pastStop, riskPerShare } from '../evaluators/trade-math.js';
import { gappedThroughStop } from './stop-gap.js';
import type { Bar } from '../market/types.js';
import type { FillSummary } from './fills.js';
import type { Finding, ReviewPlan } from './types.js';

const r2 = (v: number) => Math.round(v * 100) / 100;

interface Facts {
  side: 'long' | 'short';
  plan: ReviewPlan;
  fills: FillSummary;
  held: readonly Bar[];
  stopChanges: { ts: number; stop: number | null }[];
}

/** Plan vs execution, each finding with its numbers. Pure; the order is the order of the trade. */
export function planFindings({ side, plan, fills, held, stopChanges }: Facts): Finding[] {
  const dir = side === 'long' ? 1 : -1;
  const findings: Finding[] = [];
  // The R unit of the trade (trade-math), per share: the fills' own entries to the initial stop.
  const oneR = initialRisk(fills.entries, plan.stop);
  const planRisk = oneR === undefined ? undefined : oneR / fills.qtyIn;
  const tolerance = planRisk ? 0.1 * planRisk : Math.abs(plan.entry) * 0.001;
  const slipUnit = riskPerShare(plan.entry, plan.stop);

  // The first fill is the planned entry; later fills are adds, judged on their own.
  const firstEntry = fills.entries[0]?.price ?? fills.avgEntry;
  const slip = dir * (firstEntry - plan.entry);
  if (slip > tolerance) {
    findings.push({
      code: 'entry-chased',
      kind: 'execution',
      severity: slipUnit && slip / slipUnit > 0.3 ? 'medium' : 'low',
      followedPlan: false,
      message: `Entered at ${r2(firstEntry)}, ${r2(slip)} worse than the planned ${plan.entry}${slipUnit ? ` (${r2(slip / slipUnit)}R of the planned risk)` : ''}.`,
      evidence: {
        plannedEntry: plan.entry,
        firstEntry: r2(firstEntry),
        slippage: r2(slip),
        slippageR: slipUnit ? r2(slip / slipUnit) : null,
      },
    });
  } else {
    findings.push({
      code: 'entry-as-planned',
      kind: 'execution',
      severity: 'info',
      followedPlan: true,
      message: `Entered at ${r2(firstEntry)} against the planned ${plan.entry}${slip < 0 ? ` (${r2(-slip)} better)` : ''}.`,
      evidence: { plannedEntry: plan.entry, firstEntry: r2(firstEntry), slippage: r2(slip) },
    });
  }

  if (plan.stop === undefined) {
    findings.push({
      code: 'no-stop-planned',
      kind: 'adherence',
      severity: 'high',
      followedPlan: false,
      message: 'The plan had no stop, so the loss had no limit and R cannot be measured.',
      evidence: {},
    });
  } else {
    const stop = plan.stop;
    if (stopChanges.some((c) => c.stop === null)) {
      findings.push({
        code: 'stop-removed',
        kind: 'adherence',
        severity: 'high',
        followedPlan: false,
        message: 'The stop was removed during the trade.',
        evidence: { plannedStop: stop },
      });
    }
    const widened = stopChanges.filter((c) => c.stop !== null && dir * (stop - c.stop) > 0);
    if (widened.length > 0) {
      const worst = widened.reduce((w, c) => (dir * ((c.stop ?? 0) - (w.stop ?? 0)) < 0 ? c : w));
      findings.push({
        code: 'stop-widened',
        kind: 'adherence',
        severity: 'high',
        followedPlan: false,
        message: `The stop was moved away from the entry, from ${stop} to ${worst.stop}: more risk than planned.`,
        evidence: { plannedStop: stop, widestStop: worst.stop },
      });
    }
    const trailed = trailedStop(dir, stop, stopChanges);
    if (trailed !== undefined) {
      findings.push({
        code: 'stop-trailed',
        kind: 'adherence',
        severity: 'info',
        followedPlan: true,
        message: `Moved the stop from ${stop} to ${trailed}, toward profit${planRisk ? ` (${r2((dir * (trailed - stop)) / planRisk)}R less at risk)` : ''}.`,
        evidence: { plannedStop: stop, trailedStop: trailed },
      });
    }
    // The exit is judged against the stop in force at the exit (the last move, as the close
    // message does); bars held past a touch are judged against the planned stop, since a daily
    // bar cannot tell whether it touched a level before or after the stop was moved there.
    const inForce = stopAtExit(stop, stopChanges);
    const breachIndex = held.findIndex((b) => (side === 'long' ? b.low <= stop : b.high >= stop));
    const overrun = pastStop(side, inForce, fills.avgExit);
    const gapped = gappedThroughStop(side, inForce, held, fills.avgExit, tolerance);
    if (overrun > tolerance && !gapped) {
      findings.push({
        code: 'stop-overrun',
        kind: 'adherence',
        severity: 'high',
        followedPlan: false,
        message: `The stop did not hold: exited at ${r2(fills.avgExit)}, ${r2(overrun)} beyond the stop at ${inForce}${planRisk ? ` (${r2(overrun / planRisk)}R extra loss)` : ''}, a late exit or slippage.`,
        evidence: {
          plannedStop: stop,
          stopAtExit: inForce,
          avgExit: r2(fills.avgExit),
          overrun: r2(overrun),
          overrunR: planRisk ? r2(overrun / planRisk) : null,
        },
      });
    } else if (breachIndex >= 0 && breachIndex < held.length - 1) {
      const bar = held[breachIndex] as Bar;
      findings.push({
        code: 'held-through-stop',
        kind: 'adherence',
        severity: 'high',
        followedPlan: false,
        message: `Price reached the stop at ${stop} on ${new Date(bar.ts).toISOString().slice(0, 10)} but the position stayed open ${held.length - 1 - breachIndex} more bar(s).`,
        evidence: {
          plannedStop: stop,
          breachBar: breachIndex + 1,
          barsAfterBreach: held.length - 1 - breachIndex,
        },
      });
    }
    if (planRisk && plan.plannedRiskAmount) {
      // 1R (trade-math): each fill risks its distance to the stop, a fill beyond it its full distance.
      const actualRisk = oneR ?? 0;
      const ratio = actualRisk / plan.plannedRiskAmount;
      if (ratio > 1.1) {
        findings.push({
          code: 'oversized',
          kind: 'adherence',
          severity: ratio > 1.5 ? 'high' : 'medium',
          followedPlan: false,
          message: `Risked ${r2(actualRisk)} (${fills.qtyIn} shares to the stop), ${r2(ratio)}x the planned ${r2(plan.plannedRiskAmount)}.`,
          evidence: {
            actualRisk: r2(actualRisk),
            plannedRisk: r2(plan.plannedRiskAmount),
            ratio: r2(ratio),
            maxQty: fills.maxQty,
          },
        });
      } else {
        findings.push({
          code: 'size-as-planned',
          kind: 'adherence',
          severity: 'info',
          followedPlan: true,
          message: `Size kept the risk at ${r2(actualRisk)}, within the planned ${r2(plan.plannedRiskAmount)}.`,
          evidence: { actualRisk: r2(actualRisk), plannedRisk: r2(plan.plannedRiskAmount) },
        });
      }
    }
  }

  const trailed = plan.stop === undefined ? undefined : trailedStop(dir, plan.stop, stopChanges);
  const overran = findings.some((x) => x.code === 'stop-overrun');
  findings.push(...exitFindings({ side, plan, fills, held, planRisk, tolerance, trailed, overran }));

  for (const add of fills.adds.filter((a) => a.underwaterBy > 0)) {
    findings.push({
      code: 'added-to-loser',
      kind: 'adherence',
      severity: 'high',
      followedPlan: false,
      message: `Added ${add.qty} at ${add.price} while the position was ${r2(add.underwaterBy)} a share under water (average ${r2(add.avgBefore)}).`,
      evidence: {
        addPrice: add.price,
        addQty: add.qty,
        avgBefore: r2(add.avgBefore),
        underwaterBy: r2(add.underwaterBy),
      },
    });
  }
  return findings;
}

/** The stop in force at the exit: the last recorded move, else (never moved, or removed) the planned stop. */
function stopAtExit(planned: number, changes: readonly { ts: number; stop: number | null }[]): number {
  const last = [...changes].sort((a, b) => a.ts - b.ts).at(-1);
  return last?.stop ?? planned;
}

/** The stop in force at the exit when the trader moved it toward profit (the last change), else undefined. */
function trailedStop(
  dir: number,
  planned: number,
  changes: readonly { ts: number; stop: number | null }[],
): number | undefined {
  const last = [...changes].sort((a, b) => a.ts - b.ts).at(-1);
  return last?.stop != null && dir * (last.stop - planned) > 0 ? last.stop : undefined;
}

function exitFindings(f: {
  side: 'long' | 'short';
  plan: ReviewPlan;
  fills: FillSummary;
  held: readonly Bar[];
  planRisk: number | undefined;
  tolerance: number;
  trailed: number | undefined;
  overran: boolean;
}): Finding[] {
  const { side, plan, fills, held, planRisk, tolerance, trailed, overran } = f;
  const dir = side === 'long' ? 1 : -1;
  const target = plan.targets[0];
  const out: Finding[] = [];
  const overTime = plan.timeStopBars !== undefined && held.length > plan.timeStopBars + 1;
  if (overTime) {
    out.push({
      code: 'time-stop-ignored',
      kind: 'adherence',
      severity: 'medium',
      followedPlan: false,
      message: `Held ${held.length} bars against a time stop of ${plan.timeStopBars}.`,
      evidence: { barsHeld: held.length, timeStopBars: plan.timeStopBars ?? null },
    });
  }
  if (overran) {
    // Beyond the stop: stop-overrun already says it.
  } else if (plan.stop !== undefined && Math.abs(fills.avgExit - plan.stop) <= tolerance) {
    out.push({
      code: 'exit-at-stop',
      kind: 'adherence',
      severity: 'info',
      followedPlan: true,
      message: `The loss was taken at the planned stop (${plan.stop}).`,
      evidence: { plannedStop: plan.stop, avgExit: r2(fills.avgExit) },
    });
  } else if (target !== undefined && dir * (fills.avgExit - target) >= -tolerance) {
    out.push({
      code: 'exit-at-target',
      kind: 'adherence',
      severity: 'info',
      followedPlan: true,
      message: `Exited at ${r2(fills.avgExit)}, at or beyond the target ${target}.`,
      evidence: { target, avgExit: r2(fills.avgExit) },
    });
  } else if (trailed !== undefined && dir * (fills.avgExit - trailed) <= tolerance) {
    // At (or through) the stop the trader trailed toward profit: the exit plan working.
    out.push({
      code: 'exit-at-trailed-stop',
      kind: 'adherence',
      severity: 'info',
      followedPlan: true,
      message: `Exited at ${r2(fills.avgExit)} on the stop trailed to ${trailed}.`,
      evidence: { trailedStop: trailed, avgExit: r2(fills.avgExit) },
    });
  } else if (
    target !== undefined &&
    !overTime &&
    !(plan.timeStopBars !== undefined && held.length >= plan.timeStopBars)
  ) {
    const reached = held.some((b) => (side === 'long' ? b.high >= target : b.low <= target));
    const plannedR = planRisk ? Math.abs(target - plan.entry) / planRisk : null;
    const gotR = planRisk ? (dir * (fills.avgExit - fills.avgEntry)) / planRisk : null;
    out.push({
      code: reached ? 'target-touched-not-taken' : 'early-exit',
      kind: 'adherence',
      severity: 'low',
      followedPlan: false,
      message: reached
        ? `Price touched the target ${target} but the exit came later at ${r2(fills.avgExit)}.`
        : `Exited at ${r2(fills.avgExit)} before the target ${target}, on no exit the plan named${gotR !== null && plannedR !== null ? ` (${r2(gotR)}R of the planned ${r2(plannedR)}R)` : ''}.`,
      evidence: {
        target,
        avgExit: r2(fills.avgExit),
        realisedR: gotR === null ? null : r2(gotR),
        plannedR: plannedR === null ? null : r2(plannedR),
      },
    });
  } else if (plan.timeStopBars !== undefined && !overTime) {
    out.push({
      code: 'exit-at-time-stop',
      kind: 'adherence',
      severity: 'info',
      followedPlan: true,
      message: `Exited on the time stop after ${held.length} bars.`,
      evidence: { barsHeld: held.length, timeStopBars: plan.timeStopBars },
    });
  }
  return out;
}
