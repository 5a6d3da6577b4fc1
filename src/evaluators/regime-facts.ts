import type { ContextPack } from '../market/context/index.js';
import type { TradeIntent } from './intent.js';
import { fmt, positionMath } from './position-math.js';
import { limitsOf, resize, resizeText } from './risk-rules.js';
import { round, type Issue } from './types.js';

/**
 * The HMM's chance that the next bar is in another volatility state, as an issue when it reaches
 * `threshold`. RegimeFit and MissingScanner both raise it under one topic, so a report shows it once.
 * The mitigation sizes for the other state's typical range: a stop that wide, and the shares that
 * keep the same money at risk.
 */
export function transitionRiskIssue(
  intent: TradeIntent,
  ctx: ContextPack,
  threshold: number,
): Issue | undefined {
  const hmm = ctx.regime.hmm;
  if (!hmm || hmm.transitionRisk < threshold) return undefined;
  const current = hmm.states[hmm.currentState];
  const calmest = hmm.states[0];
  const wildest = hmm.states.at(-1);
  if (!current || !calmest || !wildest) return undefined;
  const towardsCalm = current.id === wildest.id;
  const other = towardsCalm ? calmest : wildest;
  const ratio = other.meanVol / current.meanVol;
  const evidence = {
    transitionRisk: round(hmm.transitionRisk, 3),
    currentState: current.label,
    currentStateProb: round(current.prob, 3),
    currentRangePct: round(current.meanVol * 100, 2),
    otherState: other.label,
    otherRangePct: round(other.meanVol * 100, 2),
  };
  const message = `The volatility model gives a ${Math.round(hmm.transitionRisk * 100)}% chance that the next ${ctx.primary.timeframe} bar is no longer in the ${current.label} state (now ${Math.round(current.prob * 100)}% likely): typical range ${fmt(current.meanVol * 100)}% now, ${fmt(other.meanVol * 100)}% in the ${other.label} state.`;
  if (towardsCalm) {
    return {
      code: 'regime-transition-risk',
      severity: 'low',
      topic: 'regime-transition',
      message,
      evidence,
      mitigation: `Ranges may shrink to ${fmt(ratio, 2)}x today's; a target sized on today's ATR may take longer to reach, so set a time stop.`,
    };
  }
  const math = positionMath(intent, ctx);
  let mitigation = `Size as if the ${other.label} state were here: ranges ${fmt(ratio, 1)}x today's, so an ATR-based stop ${fmt(ratio, 1)}x wider and the size cut to match.`;
  if (math.riskPerShare !== undefined) {
    const wide = math.riskPerShare * ratio;
    const stop = intent.entry - (intent.side === 'long' ? 1 : -1) * wide;
    const sized = resize(intent.entry, stop, math.riskAmount, limitsOf(ctx));
    mitigation = `Size as if the ${other.label} state were here: ranges ${fmt(ratio, 1)}x today's, so a stop at ${fmt(stop)} (${fmt(wide)} away instead of ${fmt(math.riskPerShare)}), where ${resizeText(sized)}.`;
  }
  return {
    code: 'regime-transition-risk',
    severity: hmm.transitionRisk >= 0.5 ? 'high' : 'medium',
    topic: 'regime-transition',
    message,
    evidence,
    mitigation,
  };
}
