import { withinReach } from './risk-rules.js';
import { z } from 'zod';
import type { ContextPack } from '../market/context/index.js';
import type { TradeIntent } from './intent.js';
import { atrOf, sideSign } from './level-facts.js';
import { fmt, positionMath } from './position-math.js';
import { transitionRiskIssue } from './regime-facts.js';
import { inferStyle, type TradeStyle } from './trade-style.js';
import { round, scoreFrom, sizeBeyond, type Evaluator, type Issue, type Severity } from './types.js';

const ConfigSchema = z.object({
  /** Compatibility (0-1) below which the style is reported as a poor fit for the regime. */
  poorFit: z.number().min(0).max(1),
  /** Below this it is high severity. */
  badFit: z.number().min(0).max(1),
  /** HMM chance of a state change on the next bar at which it is reported. */
  transitionRisk: z.number().min(0).max(1),
  /** Trend strength (0-100) above which fading the trend counts as fighting a strong trend. */
  strongTrend: z.number().min(0).max(100),
});
type Config = z.infer<typeof ConfigSchema>;

type Relation = 'with' | 'against' | 'range';

/**
 * How well a style suits the trend around it, 0-1. Breakouts and pullbacks need a trend on their
 * side; mean reversion needs a range. A breakout from a low-volatility range (a squeeze) is the
 * exception that makes breakouts in ranges work, so it scores fair.
 */
export function compatibility(
  style: TradeStyle,
  relation: Relation,
  ctx: Pick<ContextPack, 'regime'>,
  strongTrend: number,
): number {
  const { volState, trendStrength = 0 } = ctx.regime;
  switch (style) {
    case 'breakout':
      if (relation === 'with') return 0.9;
      if (relation === 'against') return 0.2;
      return volState === 'low' ? 0.7 : volState === 'high' ? 0.35 : 0.45;
    case 'pullback':
      return relation === 'with' ? 0.9 : relation === 'range' ? 0.35 : 0.15;
    case 'trend-following':
      return relation === 'with' ? 0.85 : relation === 'range' ? 0.4 : 0.15;
    case 'mean-reversion':
      if (relation === 'range') return 0.9;
      if (relation === 'with') return 0.6;
      return trendStrength >= strongTrend ? 0.2 : 0.5;
    case 'counter-trend':
      // Betting the trend turns, without even a stretched move to fade: worst against a strong trend.
      if (relation === 'range') return 0.5;
      if (relation === 'with') return 0.6;
      return trendStrength >= strongTrend ? 0.1 : 0.3;
  }
}

/**
 * The trade against the trend: the primary frame's regime, and when that is a range, the higher
 * frames of the alignment (same trend definition) when they all agree on a side, so a daily range
 * inside a weekly and monthly downtrend is not read as "no trend" for a short.
 */
function relationOf(intent: TradeIntent, ctx: ContextPack): Relation | undefined {
  const state = ctx.regime.trendState;
  if (state === 'insufficient') return undefined;
  if (state !== 'range') return (state === 'uptrend') === (intent.side === 'long') ? 'with' : 'against';
  const higher = ctx
    .alignment(intent.side)
    .frames.filter((f) => f.status === 'ok' && f.timeframe !== ctx.primary.timeframe);
  const withDir = intent.side === 'long' ? 'up' : 'down';
  if (higher.length > 0 && higher.every((f) => f.status === 'ok' && f.trend === withDir)) return 'with';
  if (
    higher.length > 0 &&
    higher.every((f) => f.status === 'ok' && f.trend !== withDir && f.trend !== 'mixed')
  )
    return 'against';
  return 'range';
}

const STYLE_NAME: Record<TradeStyle, string> = {
  breakout: 'breakout',
  pullback: 'pullback',
  'trend-following': 'trend-following',
  'mean-reversion': 'mean-reversion',
  'counter-trend': 'counter-trend',
};

function mismatch(
  intent: TradeIntent,
  ctx: ContextPack,
  style: TradeStyle,
  relation: Relation,
  fit: number,
  severity: Severity,
): Issue {
  const r = ctx.regime;
  const atr = atrOf(ctx) ?? 0;
  const s = sideSign(intent);
  const c = r.trendComponents;
  const numbers = `ADX ${fmt(c.adx ?? 0, 1)}, trend strength ${r.trendStrength ?? 0}/100, direction ${fmt(c.direction ?? 0)}`;
  const up = (relation === 'with') === (intent.side === 'long');
  const where =
    relation === 'range'
      ? 'a range'
      : r.trendState === 'range'
        ? `a ${ctx.primary.timeframe} range inside higher-frame ${up ? 'uptrends' : 'downtrends'}`
        : `a${up ? 'n uptrend' : ' downtrend'}`;
  const range = ctx.levels.rollingRange;
  const half = positionMath(intent, ctx).sharesAtMaxRisk;
  const halfText =
    half !== undefined && half > 1 ? ` at half size (${Math.floor(half / 2)} shares)` : ' at half size';
  const ema50 = ctx.primary.latest.ema50;
  const last = ctx.primary.lastBar.close;
  const ema20 = ctx.primary.latest.ema20;
  let why: string;
  let mitigation: string;
  if (style === 'breakout' && relation === 'range' && range) {
    const edge = intent.side === 'long' ? range.high : range.low;
    why = 'in a range, a push beyond the edge has no trend behind it';
    mitigation = withinReach(last, edge, atr)
      ? `Wait for a ${ctx.primary.timeframe} close beyond the ${range.lookback}-bar ${intent.side === 'long' ? 'high' : 'low'} ${fmt(edge)} on volume above 1.5x average (the last bar: ${fmt(r.relVolume ?? 0)}x).`
      : `No nearby fix: the ${range.lookback}-bar ${intent.side === 'long' ? 'high' : 'low'} ${fmt(edge)} is too far from the last close ${fmt(last)} to wait for; take it${halfText}, or pass.`;
  } else if ((style === 'pullback' || style === 'trend-following') && relation === 'range' && range) {
    const edge = intent.side === 'long' ? range.low : range.high;
    const far = intent.side === 'long' ? range.high : range.low;
    why = `there is no trend for the ${STYLE_NAME[style]} entry to rejoin`;
    mitigation = withinReach(intent.entry, edge, atr)
      ? `Treat it as a range trade: enter near the ${range.lookback}-bar ${intent.side === 'long' ? 'low' : 'high'} ${fmt(edge)} (${fmt(Math.abs(intent.entry - edge) / (atr || 1))} ATR ${intent.side === 'long' ? 'lower' : 'higher'}) with the stop beyond it, and take profit by ${fmt(far)}.`
      : `No nearby fix: the range's ${intent.side === 'long' ? 'low' : 'high'} ${fmt(edge)} is ${fmt(Math.abs(intent.entry - edge) / (atr || 1))} ATR from the entry, too far to enter there; take it${halfText}, or pass.`;
  } else if (style === 'mean-reversion' && ema20 !== undefined) {
    const stretched = ema20 - s * 2 * atr;
    why = 'fading a strong trend means standing in front of it';
    mitigation = `Fade only when price is stretched: 2 ATR from the 20-EMA is ${fmt(stretched)} (the entry is ${fmt((s * (ema20 - intent.entry)) / (atr || 1))} ATR from it); or take it${halfText}.`;
  } else {
    why = `the trend runs against the ${intent.side}`;
    mitigation =
      ema50 === undefined
        ? `Take it${halfText}, or wait for the trend to turn.`
        : withinReach(last, ema50, atr)
          ? `Wait for a ${ctx.primary.timeframe} close ${intent.side === 'long' ? 'above' : 'below'} the 50-EMA at ${fmt(ema50)}, or take it${halfText}.`
          : `No nearby fix: the 50-EMA at ${fmt(ema50)} is too far from the last close ${fmt(last)} to wait for; take it${halfText}, or pass.`;
  }
  return {
    code: 'regime-style-mismatch',
    severity,
    topic: relation === 'against' ? 'counter-trend' : 'regime-fit',
    message: `A ${STYLE_NAME[style]} ${intent.side} in ${where} (${numbers}; ${r.label}): ${why}. Fit ${Math.round(fit * 100)}/100.`,
    evidence: {
      style,
      trendState: r.trendState,
      trendStrength: r.trendStrength ?? null,
      adx: c.adx === undefined ? null : round(c.adx, 1),
      direction: c.direction === undefined ? null : round(c.direction),
      volState: r.volState,
      atrPercentile: r.atrPercentile ?? null,
      fit: round(fit),
    },
    mitigation,
  };
}

export const regimeFit = {
  id: 'regime-fit',
  version: 1,
  title: 'Regime fit',
  configSchema: ConfigSchema,
  defaults: { poorFit: 0.5, badFit: 0.25, transitionRisk: 0.3, strongTrend: 50 },
  evaluate(intent, ctx, config) {
    const issues: Issue[] = [];
    const guess = inferStyle(intent, ctx);
    const relation = relationOf(intent, ctx);
    const fit =
      guess.style !== 'unclassified' && relation !== undefined
        ? compatibility(guess.style, relation, ctx, config.strongTrend)
        : undefined;
    if (
      fit !== undefined &&
      relation !== undefined &&
      guess.style !== 'unclassified' &&
      fit < config.poorFit
    ) {
      issues.push({
        ...mismatch(intent, ctx, guess.style, relation, fit, fit < config.badFit ? 'high' : 'medium'),
        // 0 at the poor-fit line, 1 at no fit at all.
        size: round(sizeBeyond(config.poorFit - fit, 0, config.poorFit)),
      });
    }
    const transition = transitionRiskIssue(intent, ctx, config.transitionRisk);
    if (transition) issues.push(transition);
    const r = ctx.regime;
    return {
      score: scoreFrom(issues),
      issues,
      explainFacts: {
        regime: r.label,
        trendState: r.trendState,
        trendStrength: r.trendStrength ?? null,
        volState: r.volState,
        atrPercentile: r.atrPercentile ?? null,
        liquidityState: r.liquidityState,
        style: guess.style,
        styleSource: guess.source,
        styleReason: guess.reason,
        fit: fit === undefined ? null : round(fit),
        transitionRisk: r.hmm ? round(r.hmm.transitionRisk, 3) : null,
        hmmState: r.hmm?.states[r.hmm.currentState]?.label ?? null,
      },
    };
  },
} satisfies Evaluator<Config>;
