import type { ContextPack } from '../market/context/index.js';
import type { TradeIntent } from './intent.js';
import { fmt, type PositionMath, wholeShares } from './position-math.js';
import { round, type Issue } from './types.js';

/**
 * The trader's daily loss limit against what they already lost today: reached (stop for the
 * day, by their own rule), or this trade's risk would carry a loss beyond it. Nothing when the
 * trader set no limit or today's result is unknown.
 */
export function dailyLossIssue(intent: TradeIntent, ctx: ContextPack, math: PositionMath): Issue | undefined {
  const limitPct = ctx.user.rules.dailyLossLimitPct;
  const pnlToday = ctx.portfolio?.realizedPnlToday;
  if (limitPct === undefined || pnlToday === undefined) return undefined;
  const limit = (ctx.user.equity * limitPct) / 100;
  const lost = Math.max(0, -pnlToday);
  const left = limit - lost;
  const evidence = { dailyLossLimitPct: limitPct, dailyLossLimit: round(limit), lostToday: round(lost) };
  if (left <= 0)
    return {
      code: 'daily-loss-limit-reached',
      severity: 'critical',
      topic: 'daily-loss',
      message: `You have lost ${fmt(lost)} today, at or past your daily loss limit of ${fmt(limit)} (${fmt(limitPct)}% of equity).`,
      evidence,
      mitigation: 'Your own rule says the day is over: write the idea down and look at it again tomorrow.',
    };
  const risk = math.riskAmount ?? (ctx.user.equity * ctx.user.rules.maxRiskPct) / 100;
  if (risk <= left + 1e-9) return undefined;
  const shares = math.riskPerShare ? wholeShares(left / math.riskPerShare) : undefined;
  return {
    code: 'daily-loss-limit-at-risk',
    severity: 'high',
    topic: 'daily-loss',
    message: `A full loss on this trade (${fmt(risk)}) would take today's loss to ${fmt(lost + risk)}, past your daily limit of ${fmt(limit)}.`,
    evidence: { ...evidence, riskAmount: round(risk), leftToday: round(left) },
    mitigation:
      shares !== undefined
        ? `${shares} shares keep a loss on ${intent.symbol} within the ${fmt(left)} left today.`
        : `Keep the risk within the ${fmt(left)} left today.`,
  };
}
