import { z } from 'zod';
import type { ContextPack } from '../market/context/index.js';
import type { TradeIntent } from './intent.js';
import { atrOf, namedLevels, sideSign, type NamedLevel } from './level-facts.js';
import { fmt, ordinal, positionMath } from './position-math.js';
import { limitsOf, resize, resizeText } from './risk-rules.js';
import { transitionRiskIssue } from './regime-facts.js';
import { round, scoreFrom, type EvidenceValue, type Evaluator, type Issue } from './types.js';
import { riskPerShare } from './trade-math.js';

const ConfigSchema = z.object({
  /** Levels weaker than this (0-100) are not worth a warning between entry and target. */
  minSignificance: z.number().min(0).max(100),
  /** A level within this many ATR of the entry or target is the entry or target itself. */
  levelMarginAtr: z.number().min(0),
  /** Structural levels up to this many ATR behind the entry are the ones a stop should clear. */
  stopLevelRangeAtr: z.number().positive(),
  /** How far beyond a level, in ATR, a stop should sit to be outside the noise around it. */
  stopBufferAtr: z.number().min(0),
  /** Levels a stop should clear must matter at least this much (0-100): a single fresh swing touch is ~39. */
  minStopLevelSignificance: z.number().min(0).max(100),
  /** A level in the way this significant (a 52-week extreme) is medium anywhere before the minimum R. */
  majorLevelSignificance: z.number().min(0).max(100),
  transitionRisk: z.number().min(0).max(1),
  /** A stop this many current ATR away survives an expanded range. */
  expansionStopAtr: z.number().positive(),
});
type Config = z.infer<typeof ConfigSchema>;

type Check = 'flagged' | 'clear' | 'not-applicable';

// Levels a stop hides behind: where swing lows/highs and prior ranges ended, not arithmetic pivots.
const STRUCTURAL = new Set([
  'support',
  'resistance',
  'prior-low',
  'prior-high',
  'range-low',
  'range-high',
  'avwap-swing-low',
  'avwap-swing-high',
]);

/**
 * A strong level between entry and target that comes before the trader's minimum reward (in R),
 * or, without a stop, in the first half of the way: the move has to get through it to pay. A
 * 52-week extreme there is medium, as is a quarter's extreme (significance 70+) under 1R; the rest low.
 */
function levelInTheWay(
  intent: TradeIntent,
  ctx: ContextPack,
  levels: NamedLevel[],
  atr: number,
  config: Config,
): Issue | undefined {
  const target = intent.targets[0];
  if (target === undefined) return undefined;
  const s = sideSign(intent);
  const between = levels
    .filter((l) => l.significance >= config.minSignificance)
    .filter(
      (l) =>
        s * (l.price - intent.entry) > config.levelMarginAtr * atr &&
        s * (target - l.price) > config.levelMarginAtr * atr,
    )
    .sort((a, b) => s * (a.price - b.price));
  const risk = riskPerShare(intent.entry, intent.stop);
  const isEarly = (l: NamedLevel): boolean =>
    risk
      ? Math.abs(l.price - intent.entry) / risk < ctx.user.rules.minRewardRisk
      : Math.abs(l.price - intent.entry) < Math.abs(target - intent.entry) / 2;
  // The strongest level before the minimum reward is the one that matters (a 52-week high
  // outranks a nearer prior-day high); the nearest wins a tie.
  const level = between
    .filter(isEarly)
    .reduce<NamedLevel | undefined>(
      (best, l) => (!best || l.significance > best.significance ? l : best),
      undefined,
    );
  if (!level) return undefined;
  const rAtLevel = risk ? Math.abs(level.price - intent.entry) / risk : undefined;
  const targetR = risk ? Math.abs(target - intent.entry) / risk : undefined;
  const major = level.significance >= config.majorLevelSignificance;
  const minR = ctx.user.rules.minRewardRisk;
  return {
    code: 'level-before-target',
    severity:
      major || (rAtLevel !== undefined && rAtLevel < 1 && level.significance >= 70) ? 'medium' : 'low',
    // Bigger the stronger the level and the earlier it comes on the way to the trader's minimum R.
    size: round(
      ((level.significance - config.minSignificance) / (100 - config.minSignificance)) * 0.5 +
        (rAtLevel === undefined ? 0.25 : Math.max(0, 1 - rAtLevel / minR) * 0.5),
    ),
    topic: 'level-before-target',
    message: `${level.name[0]?.toUpperCase() ?? ''}${level.name.slice(1)} at ${fmt(level.price)} lies between the entry ${fmt(intent.entry)} and the target ${fmt(target)}, ${fmt(Math.abs(level.price - intent.entry) / atr)} ATR from the entry${rAtLevel !== undefined ? ` (${fmt(rAtLevel)}R)` : ''}${between.length > 1 ? `; ${between.length - 1} other level${between.length > 2 ? 's' : ''} in the way too` : ''}.`,
    evidence: {
      level: level.price,
      levelName: level.name,
      significance: level.significance,
      distanceAtr: round(Math.abs(level.price - intent.entry) / atr),
      rAtLevel: rAtLevel === undefined ? null : round(rAtLevel),
      targetR: targetR === undefined ? null : round(targetR),
      levelsInTheWay: between.length,
    },
    mitigation:
      rAtLevel === undefined
        ? `Plan a partial exit at ${fmt(level.price)} before the full target ${fmt(target)}.`
        : rAtLevel < 0.75
          ? `Enter only after a close beyond ${fmt(level.price)}: at ${fmt(rAtLevel)}R it is too close for a partial exit to pay for the risk.`
          : `Take partial profit at ${fmt(level.price)} (${fmt(rAtLevel)}R) and move the stop to the entry, so the rest runs to ${fmt(target)} at no risk.`,
  };
}

function stopInsideLevel(
  intent: TradeIntent,
  ctx: ContextPack,
  levels: NamedLevel[],
  atr: number,
  config: Config,
): Issue | undefined {
  if (intent.stop === undefined) return undefined;
  const s = sideSign(intent);
  const stop = intent.stop;
  // The nearest structural level behind the entry (below a long), not hugging the entry itself.
  const behind = levels
    .filter((l) => STRUCTURAL.has(l.source) && l.significance >= config.minStopLevelSignificance)
    .filter(
      (l) =>
        s * (intent.entry - l.price) > config.stopBufferAtr * atr &&
        s * (intent.entry - l.price) <= config.stopLevelRangeAtr * atr,
    )
    .sort((a, b) => s * (b.price - a.price));
  const level = behind[0];
  // Flagged when the stop sits between the entry and the level, or less than the buffer beyond it.
  if (!level || s * (stop - level.price) < -config.stopBufferAtr * atr) return undefined;
  const suggested = level.price - s * config.stopBufferAtr * atr;
  const math = positionMath(intent, ctx);
  const sized = resize(intent.entry, suggested, math.riskAmount, limitsOf(ctx));
  const inside = s * (stop - level.price) > 0;
  return {
    code: 'stop-inside-level',
    severity: inside ? 'medium' : 'low',
    // Bigger the deeper inside the level the stop sits, and the stronger the level.
    size: round(
      Math.min(1, Math.max(0, (s * (stop - level.price)) / atr + config.stopBufferAtr) / 1.5) * 0.6 +
        (level.significance / 100) * 0.4,
    ),
    topic: 'stop-placement',
    message: inside
      ? `The stop ${fmt(stop)} is ${intent.side === 'long' ? 'above' : 'below'} the ${level.name} at ${fmt(level.price)}: a test of that level can stop the trade out before the idea is wrong.`
      : `The stop ${fmt(stop)} is only ${fmt(Math.abs(stop - level.price) / atr)} ATR beyond the ${level.name} at ${fmt(level.price)}, where stops cluster and get run.`,
    evidence: {
      stop,
      level: level.price,
      levelName: level.name,
      stopBeyondLevelAtr: round((s * (level.price - stop)) / atr),
      atr14: round(atr),
      suggestedStop: round(suggested),
    },
    mitigation: `A stop at ${fmt(suggested)} (${config.stopBufferAtr} ATR beyond the level) where ${resizeText(sized)}.`,
  };
}

function volatilityExpanding(
  intent: TradeIntent,
  ctx: ContextPack,
  atr: number,
  config: Config,
): Issue | undefined {
  const r = ctx.regime;
  if (!r.volExpansion) return undefined;
  const { atrRatio, rangeRatio } = r.volComponents;
  const stop = intent.entry - sideSign(intent) * config.expansionStopAtr * atr;
  const math = positionMath(intent, ctx);
  const sized = resize(intent.entry, stop, math.riskAmount, limitsOf(ctx));
  const stopAtr = math.riskPerShare === undefined ? undefined : math.riskPerShare / atr;
  return {
    code: 'volatility-expanding',
    severity: 'medium',
    topic: 'volatility',
    message: `Volatility is expanding: ATR is ${fmt(atrRatio ?? 1)}x its 20-bar mean and the last bar's range ${fmt(rangeRatio ?? 1)}x the prior ATR${r.atrPercentile !== undefined ? ` (ATR at the ${ordinal(r.atrPercentile)} percentile of the last year)` : ''}: stops sized on calmer bars are too tight.`,
    evidence: {
      atrRatio: atrRatio === undefined ? null : round(atrRatio),
      rangeRatio: rangeRatio === undefined ? null : round(rangeRatio),
      atrPercentile: r.atrPercentile ?? null,
      atr14: round(atr),
      stopAtr: stopAtr === undefined ? null : round(stopAtr),
    },
    mitigation:
      stopAtr !== undefined && stopAtr >= config.expansionStopAtr
        ? `The stop is already ${fmt(stopAtr)} ATR away; keep the size at or below ${math.sharesAtMaxRisk ?? 0} shares so the wider swings stay within your risk limit.`
        : `Size for the wider range: a stop ${config.expansionStopAtr} ATR away at ${fmt(stop)}, where ${resizeText(sized)}.`,
  };
}

function thinLiquidity(ctx: ContextPack): Issue | undefined {
  const r = ctx.regime;
  if (r.liquidityState !== 'thin' || r.relVolume === undefined) return undefined;
  const cap = Math.floor(ctx.liquidity.avgVolume20 * 0.01);
  return {
    code: 'thin-volume',
    severity: 'low',
    topic: 'liquidity',
    message: `The last ${ctx.primary.timeframe} bar traded ${fmt(r.relVolume)}x its 20-bar average volume${r.spreadProxy !== undefined ? ` (mean range ${fmt(r.spreadProxy / 100)}% of price)` : ''}: fills can slip and levels mean less on thin volume.`,
    evidence: {
      relVolume: r.relVolume,
      spreadProxyBps: r.spreadProxy ?? null,
      avgVolume20: Math.round(ctx.liquidity.avgVolume20),
    },
    mitigation: `Use a limit order and keep the order under ${fmt(cap, 0)} shares (1% of average volume).`,
  };
}

function sameSymbolOpen(intent: TradeIntent, ctx: ContextPack): Issue | undefined {
  const open = ctx.portfolio?.openSymbols;
  if (!open || !open.map((s) => s.toUpperCase()).includes(intent.symbol.toUpperCase())) return undefined;
  const budget = (ctx.user.equity * ctx.user.rules.maxRiskPct) / 100;
  return {
    code: 'same-symbol-open',
    severity: 'medium',
    topic: 'exposure',
    message: `You already hold ${intent.symbol}: this ${intent.side} adds to (or offsets) an open position rather than being a new idea.`,
    evidence: { symbol: intent.symbol, openPositions: open.length, maxRiskPct: ctx.user.rules.maxRiskPct },
    mitigation: `Count both as one position: their combined risk should stay within ${ctx.user.rules.maxRiskPct}% (${fmt(budget, 0)}), so this leg gets only what the open one leaves.`,
  };
}

export const missingScanner = {
  id: 'missing-scanner',
  version: 1,
  title: 'What else to check',
  configSchema: ConfigSchema,
  defaults: {
    minSignificance: 62,
    levelMarginAtr: 0.25,
    stopLevelRangeAtr: 2.5,
    stopBufferAtr: 0.25,
    minStopLevelSignificance: 45,
    majorLevelSignificance: 85,
    transitionRisk: 0.3,
    expansionStopAtr: 1.5,
  },
  evaluate(intent, ctx, config) {
    const atr = atrOf(ctx);
    const levels = namedLevels(ctx.levels);
    const checks: [string, Issue | undefined | null][] = [
      [
        'levelBeforeTarget',
        atr === undefined || intent.targets.length === 0
          ? null
          : levelInTheWay(intent, ctx, levels, atr, config),
      ],
      [
        'stopBeyondLevel',
        atr === undefined || intent.stop === undefined
          ? null
          : stopInsideLevel(intent, ctx, levels, atr, config),
      ],
      [
        'volatilityExpansion',
        atr === undefined || ctx.regime.volExpansion === undefined
          ? null
          : volatilityExpanding(intent, ctx, atr, config),
      ],
      ['liquidity', ctx.regime.liquidityState === 'insufficient' ? null : thinLiquidity(ctx)],
      [
        'regimeTransition',
        ctx.regime.hmm === undefined ? null : transitionRiskIssue(intent, ctx, config.transitionRisk),
      ],
      ['sameSymbolExposure', ctx.portfolio === undefined ? null : sameSymbolOpen(intent, ctx)],
    ];
    const issues = checks.flatMap(([, issue]) => (issue ? [issue] : []));
    const explainFacts: Record<string, EvidenceValue> = {};
    for (const [name, issue] of checks)
      explainFacts[name] = (issue === null ? 'not-applicable' : issue ? 'flagged' : 'clear') satisfies Check;
    return { score: scoreFrom(issues), issues, explainFacts };
  },
} satisfies Evaluator<Config>;
