import { z } from 'zod';
import { dailyLossIssue } from './daily-loss.js';
import { fmt, positionMath, priceAway, wholeShares } from './position-math.js';
import { limitsOf, resize, resizeText, rewardRiskIssue, riskLimitIssue } from './risk-rules.js';
import { round, scoreFrom, sizeBeyond, type Evaluator, type Issue } from './types.js';

const ConfigSchema = z.object({
  /** Below this fraction of ATR a stop sits inside ordinary bar-to-bar noise. */
  noiseStopAtr: z.number().positive(),
  tightStopAtr: z.number().positive(),
  wideStopAtr: z.number().positive(),
  /** Order size as a share of average daily volume above which fills move the price. */
  maxAdvParticipation: z.number().positive(),
  /** Estimated slippage, as a fraction of the risk, above which it eats a meaningful part of the edge. */
  maxSlippageR: z.number().positive(),
});
type Config = z.infer<typeof ConfigSchema>;

/**
 * Slippage per share, each way: half the typical spread for the instrument's dollar volume, plus
 * square-root market impact (daily volatility x sqrt(order / average volume)). Daily volatility
 * comes from the median bar range (Parkinson: sigma ~ 0.6 x range).
 */
export function slippagePerShare(
  entry: number,
  liquidity: { avgDollarVolume20: number; medianRangePct20: number },
  participation: number,
): number {
  const dollarVolume = liquidity.avgDollarVolume20;
  const halfSpreadBps =
    dollarVolume > 1e9
      ? 0.5
      : dollarVolume > 1e8
        ? 1.5
        : dollarVolume > 1e7
          ? 4
          : dollarVolume > 1e6
            ? 10
            : 25;
  const dailyVolBps = liquidity.medianRangePct20 * 100 * 0.6;
  const impactBps = dailyVolBps * Math.sqrt(Math.max(0, participation));
  return (entry * (halfSpreadBps + impactBps)) / 10_000;
}

export const riskReward = {
  id: 'risk-reward',
  // 2: the trader's daily loss limit.
  version: 2,
  title: 'Risk & reward',
  configSchema: ConfigSchema,
  defaults: {
    noiseStopAtr: 0.5,
    tightStopAtr: 0.25,
    wideStopAtr: 4,
    maxAdvParticipation: 0.01,
    maxSlippageR: 0.1,
  },
  evaluate(intent, ctx, config) {
    const issues: Issue[] = [];
    const rules = ctx.user.rules;
    const atr = ctx.primary.latest.atr14;
    const math = positionMath(intent, ctx);
    const target = intent.targets[0];
    const risk = math.riskPerShare;
    const rr = risk && target !== undefined ? Math.abs(target - intent.entry) / risk : undefined;
    const stopInAtr = risk !== undefined && atr ? risk / atr : undefined;

    const plan = { side: intent.side, entry: intent.entry, stop: intent.stop, target, shares: math.shares };
    const limits = limitsOf(ctx);
    for (const issue of [rewardRiskIssue(plan, limits), riskLimitIssue(plan, limits)]) {
      if (issue) issues.push(issue);
    }
    if (math.sizeSource === 'none' && math.sharesAtMaxRisk !== undefined) {
      issues.push({
        code: 'size-not-set',
        severity: 'low',
        topic: 'position-risk',
        message: 'No position size given, so the risk in money is unknown.',
        evidence: {
          sharesAtMaxRisk: math.sharesAtMaxRisk,
          maxRiskPct: rules.maxRiskPct,
          equity: ctx.user.equity,
          riskPerShare: round(risk ?? 0),
        },
        mitigation: `At your ${fmt(rules.maxRiskPct)}% limit that is ${math.sharesAtMaxRisk} shares (${fmt(math.sharesAtMaxRisk * intent.entry, 0)} notional).`,
      });
    }
    if (math.notional !== undefined && (math.notional / ctx.user.equity) * 100 > rules.maxPositionPct) {
      const pct = (math.notional / ctx.user.equity) * 100;
      issues.push({
        code: 'position-too-large',
        severity: pct > 2 * rules.maxPositionPct ? 'high' : 'medium',
        size: round(sizeBeyond(pct / rules.maxPositionPct, 1, 3)),
        message: `The position is ${fmt(math.notional, 0)}, ${fmt(pct, 0)}% of equity: above your ${fmt(rules.maxPositionPct, 0)}% cap${pct > 100 ? ' (it needs leverage)' : ''}.`,
        evidence: {
          notional: round(math.notional),
          notionalPct: round(pct),
          maxPositionPct: rules.maxPositionPct,
        },
        mitigation: `At most ${wholeShares((ctx.user.equity * rules.maxPositionPct) / 100 / intent.entry)} shares fit the cap; a wider stop with fewer shares keeps the same risk.`,
      });
    }
    if (
      stopInAtr !== undefined &&
      atr !== undefined &&
      risk !== undefined &&
      stopInAtr < config.noiseStopAtr
    ) {
      const stop = priceAway(intent, atr, 'stop');
      const sized = resize(intent.entry, stop, math.riskAmount, limits);
      issues.push({
        code: 'stop-inside-noise',
        severity: stopInAtr < config.tightStopAtr ? 'high' : 'medium',
        topic: 'stop-distance',
        // 0 just inside the noise line, 1 at the tight line and closer: the replay found a stop in
        // the noise is one of the few warnings that predicts its outcome (stopped sooner).
        size: round(
          sizeBeyond(config.noiseStopAtr - stopInAtr, 0, config.noiseStopAtr - config.tightStopAtr),
        ),
        message: `The stop is ${fmt(risk)} away, ${fmt(stopInAtr)} ATR: an ordinary ${ctx.primary.timeframe} bar (ATR ${fmt(atr)}) can reach it.`,
        evidence: {
          stopDistance: round(risk),
          atr14: round(atr),
          stopInAtr: round(stopInAtr),
          noiseStopAtr: config.noiseStopAtr,
        },
        mitigation: `A stop 1 ATR away, at ${fmt(stop)}${math.riskAmount !== undefined ? `, where ${resizeText(sized)}` : ''}.`,
      });
    }
    if (stopInAtr !== undefined && atr !== undefined && stopInAtr > config.wideStopAtr) {
      issues.push({
        code: 'stop-very-wide',
        severity: 'low',
        topic: 'stop-distance',
        size: round(sizeBeyond(stopInAtr, config.wideStopAtr, config.wideStopAtr)),
        message: `The stop is ${fmt(stopInAtr)} ATR away: a loss takes a long time to confirm and the size must be small.`,
        evidence: { stopInAtr: round(stopInAtr), atr14: round(atr), wideStopAtr: config.wideStopAtr },
        mitigation: `A stop at ${fmt(priceAway(intent, 2 * atr, 'stop'))} (2 ATR) with a size recomputed for your risk limit.`,
      });
    }
    const shares = math.shares ?? math.sharesAtMaxRisk;
    let slippageR: number | undefined;
    if (shares !== undefined && risk) {
      const participation = ctx.liquidity.avgVolume20 > 0 ? shares / ctx.liquidity.avgVolume20 : 1;
      const slip = slippagePerShare(intent.entry, ctx.liquidity, participation);
      slippageR = (slip * 2) / risk;
      if (participation > config.maxAdvParticipation || slippageR > config.maxSlippageR) {
        issues.push({
          code: participation > config.maxAdvParticipation ? 'thin-liquidity' : 'slippage-eats-edge',
          severity:
            participation > 10 * config.maxAdvParticipation || slippageR > 3 * config.maxSlippageR
              ? 'high'
              : 'medium',
          topic: 'slippage',
          size: round(sizeBeyond(slippageR, config.maxSlippageR, 3 * config.maxSlippageR)),
          message: `Estimated round-trip slippage is ${fmt(slippageR)}R (${fmt(slip, 4)} a share each way); the order is ${fmt(participation * 100, 3)}% of average volume.`,
          evidence: {
            slippageR: round(slippageR, 3),
            slippagePerShare: round(slip, 4),
            advParticipationPct: round(participation * 100, 3),
            avgVolume20: Math.round(ctx.liquidity.avgVolume20),
            medianRangePct20: round(ctx.liquidity.medianRangePct20),
          },
          mitigation:
            participation > config.maxAdvParticipation
              ? `Keep the order under ${Math.floor(ctx.liquidity.avgVolume20 * config.maxAdvParticipation)} shares (${config.maxAdvParticipation * 100}% of volume) or work it over several bars.`
              : 'Use a limit order, and a stop far enough away that a few cents of slippage are a small part of 1R.',
        });
      }
    }
    const daily = dailyLossIssue(intent, ctx, math);
    if (daily) issues.push(daily);
    return {
      score: scoreFrom(issues),
      issues,
      explainFacts: {
        rr: rr === undefined ? null : round(rr),
        stopInAtr: stopInAtr === undefined ? null : round(stopInAtr),
        riskPct: math.riskPct === undefined ? null : round(math.riskPct),
        riskAmount: math.riskAmount === undefined ? null : round(math.riskAmount),
        shares: math.shares ?? null,
        sharesAtMaxRisk: math.sharesAtMaxRisk ?? null,
        atr14: atr === undefined ? null : round(atr),
        slippageR: slippageR === undefined ? null : round(slippageR, 3),
        maxRiskPct: rules.maxRiskPct,
        minRewardRisk: rules.minRewardRisk,
      },
    };
  },
} satisfies Evaluator<Config>;
