import { z } from 'zod';
import type { Timeframe } from '../market/types.js';
import { fmt, priceAway } from './position-math.js';
import { round, scoreFrom, type Evaluator, type Issue } from './types.js';
import { riskPerShare } from './trade-math.js';

const ConfigSchema = z.object({
  suggestedStopAtr: z.number().positive(),
  /** Target distance, in ATR of the idea's timeframe, beyond which the plan belongs to a higher timeframe. */
  maxTargetAtr: z.number().positive(),
  /** A time stop this many times the typical bars to target is too loose to protect anything. */
  looseTimeStopFactor: z.number().positive(),
});
type Config = z.infer<typeof ConfigSchema>;

const HORIZON_TIMEFRAMES: Record<'intraday' | 'swing' | 'position', readonly Timeframe[]> = {
  intraday: ['1m', '5m', '15m', '30m', '1h'],
  swing: ['1h', '4h', '1d'],
  position: ['1d', '1w', '1M'],
};

/**
 * Bars a move of `atrs` ATR typically takes: price wanders about sqrt(n) ATR in n bars, so
 * n = atrs^2 (at least one bar). A yardstick for time stops, not a forecast.
 */
export function typicalBars(atrs: number): number {
  return Math.max(1, Math.ceil(atrs * atrs));
}

export const exitPlan = {
  id: 'exit-plan',
  version: 1,
  title: 'Exit plan',
  configSchema: ConfigSchema,
  defaults: { suggestedStopAtr: 1.5, maxTargetAtr: 8, looseTimeStopFactor: 3 },
  evaluate(intent, ctx, config) {
    const issues: Issue[] = [];
    const atr = ctx.primary.latest.atr14;
    const tf = ctx.primary.timeframe;
    const target = intent.targets[0];
    const risk = riskPerShare(intent.entry, intent.stop);
    const targetAtr = target !== undefined && atr ? Math.abs(target - intent.entry) / atr : undefined;
    const barsToTarget = targetAtr !== undefined ? typicalBars(targetAtr) : undefined;

    if (intent.stop === undefined) {
      const suggestion = atr ? priceAway(intent, config.suggestedStopAtr * atr, 'stop') : undefined;
      issues.push({
        code: 'no-stop',
        severity: ctx.user.rules.requireStop ? 'critical' : 'high',
        topic: 'stop-distance',
        message: 'There is no stop: the loss on this idea has no limit and its size cannot be computed.',
        evidence: {
          atr14: atr === undefined ? null : round(atr),
          suggestedStop: suggestion === undefined ? null : round(suggestion),
          suggestedStopAtr: config.suggestedStopAtr,
        },
        mitigation:
          suggestion === undefined
            ? 'Decide where the idea is wrong and put the stop just beyond it.'
            : `A stop ${config.suggestedStopAtr} ATR away would be ${fmt(suggestion)} (ATR ${fmt(atr ?? 0)}); beyond the nearest swing point is better still.`,
      });
    }
    if (target === undefined) {
      const suggestion = risk ? priceAway(intent, risk * ctx.user.rules.minRewardRisk, 'target') : undefined;
      issues.push({
        code: 'no-target',
        severity: 'medium',
        topic: 'reward-risk',
        message:
          'There is no target, so reward:risk cannot be judged and there is no plan for taking profit.',
        evidence: {
          minRewardRisk: ctx.user.rules.minRewardRisk,
          suggestedTarget: suggestion === undefined ? null : round(suggestion),
        },
        mitigation:
          suggestion === undefined
            ? 'Set a stop first, then a target at least your minimum R:R away.'
            : `A target at ${fmt(suggestion)} is ${ctx.user.rules.minRewardRisk}R; a trailing stop is an alternative for trend trades.`,
      });
    }
    if (intent.timeStopBars === undefined && barsToTarget !== undefined) {
      const suggested = Math.ceil(barsToTarget * 1.5);
      issues.push({
        code: 'no-time-stop',
        // Advice, not a flaw: nearly every plan lacks one, so it must not outrank real findings.
        severity: 'info',
        message: `Tip: add a time stop. A ${fmt(targetAtr ?? 0)} ATR move typically takes about ${barsToTarget} bar${barsToTarget === 1 ? '' : 's'} on the ${tf} chart; if the idea stalls, a time stop says when it has failed.`,
        evidence: {
          targetAtr: round(targetAtr ?? 0),
          typicalBarsToTarget: barsToTarget,
          suggestedTimeStopBars: suggested,
        },
        mitigation: `Exit if the target is not reached within ${suggested} bars on the ${tf} chart.`,
      });
    }
    if (
      intent.timeStopBars !== undefined &&
      barsToTarget !== undefined &&
      intent.timeStopBars > config.looseTimeStopFactor * barsToTarget
    ) {
      issues.push({
        code: 'time-stop-loose',
        severity: 'low',
        message: `The time stop (${intent.timeStopBars} bars) is more than ${config.looseTimeStopFactor}x the ${barsToTarget} bars a move to target typically takes.`,
        evidence: { timeStopBars: intent.timeStopBars, typicalBarsToTarget: barsToTarget },
        mitigation: `A time stop near ${Math.ceil(barsToTarget * 1.5)} bars frees capital from an idea that is not working.`,
      });
    }
    if (targetAtr !== undefined && targetAtr > config.maxTargetAtr) {
      issues.push({
        code: 'target-beyond-timeframe',
        severity: 'medium',
        message: `The target is ${fmt(targetAtr)} ATR away on the ${tf} chart, beyond what a ${tf} trade usually covers (${config.maxTargetAtr} ATR).`,
        evidence: { targetAtr: round(targetAtr), maxTargetAtr: config.maxTargetAtr, atr14: round(atr ?? 0) },
        mitigation: `Plan it on a higher timeframe, or take partial profit at ${fmt(priceAway(intent, (config.maxTargetAtr * (atr ?? 0)) / 2, 'target'))} (${config.maxTargetAtr / 2} ATR).`,
      });
    }
    const sorted = [...intent.targets].sort((a, b) => (intent.side === 'long' ? a - b : b - a));
    if (sorted.some((t, i) => t !== intent.targets[i])) {
      issues.push({
        code: 'targets-out-of-order',
        severity: 'low',
        message: `The targets are not in the order price reaches them: ${intent.targets.join(', ')}.`,
        evidence: { targets: intent.targets.join(', ') },
        mitigation: `List them nearest first: ${sorted.join(', ')}.`,
      });
    }
    if (intent.holdingHorizon && !HORIZON_TIMEFRAMES[intent.holdingHorizon].includes(tf)) {
      issues.push({
        code: 'horizon-timeframe-mismatch',
        severity: 'low',
        message: `A ${intent.holdingHorizon} trade planned on the ${tf} chart: stops and targets sized for one will not fit the other.`,
        evidence: { holdingHorizon: intent.holdingHorizon, timeframe: tf },
        mitigation: `Plan a ${intent.holdingHorizon} trade on ${HORIZON_TIMEFRAMES[intent.holdingHorizon].join(' / ')} bars.`,
      });
    }
    return {
      score: scoreFrom(issues),
      issues,
      explainFacts: {
        hasStop: intent.stop !== undefined,
        hasTarget: target !== undefined,
        timeStopBars: intent.timeStopBars ?? null,
        targetAtr: targetAtr === undefined ? null : round(targetAtr),
        typicalBarsToTarget: barsToTarget ?? null,
        timeframe: tf,
      },
    };
  },
} satisfies Evaluator<Config>;
