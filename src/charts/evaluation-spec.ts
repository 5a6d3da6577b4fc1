import type { TradeIntent } from '../evaluators/intent.js';
import { namedLevels, type NamedLevel } from '../evaluators/level-facts.js';
import type { ContextPack } from '../market/context/index.js';
import type { FeatureName } from '../market/features/index.js';
import type { RegimeSnapshot } from '../market/regime/index.js';
import type { CandleChartSpec, ChartBadge, KeyLevel, TradeLine } from './spec.js';

export const EVALUATION_CHART_BARS = 160;
const EMAS: readonly [FeatureName, string][] = [
  ['ema20', 'EMA 20'],
  ['ema50', 'EMA 50'],
  ['ema200', 'EMA 200'],
];
// Weak levels (pivots R2/R3, lone touches) would crowd the pane without telling the trader much.
const MIN_LEVEL_SIGNIFICANCE = 30;
const MAX_LEVELS = 8;

export interface EvaluationChartInput {
  intent: TradeIntent;
  context: ContextPack;
  /** The overall evaluation score, shown in the title. */
  score?: number;
}

/** What the chart shows, for the `charts` row (indicators_applied). */
export interface EvaluationChartContent {
  spec: CandleChartSpec;
  indicators: string[];
  levels: { label: string; price: number }[];
}

function levelKind(level: NamedLevel, lastClose: number): KeyLevel['kind'] {
  if (level.source.startsWith('avwap')) return 'vwap';
  if (level.source.startsWith('pivot')) return 'pivot';
  if (level.source === 'prior-close') return 'other';
  return level.price >= lastClose ? 'resistance' : 'support';
}

function badgeOf(regime: RegimeSnapshot): ChartBadge {
  const risky =
    regime.volState === 'high' || regime.volExpansion === true || (regime.hmm?.transitionRisk ?? 0) >= 0.3;
  const tone = risky
    ? 'warn'
    : regime.trendState === 'uptrend'
      ? 'bull'
      : regime.trendState === 'downtrend'
        ? 'bear'
        : 'neutral';
  const text = regime.label.length <= 60 ? regime.label : `${regime.label.slice(0, 59)}…`;
  return { text, tone };
}

/**
 * The levels worth a line: significant ones, nearest the last close and the entry first, with
 * the idea's own nearest support and resistance always in. The renderer merges lines that share
 * a pixel row and drops what is off the visible price range.
 */
function chartLevels(ctx: ContextPack, entry: number): { level: NamedLevel; kind: KeyLevel['kind'] }[] {
  const close = ctx.primary.lastBar.close;
  const named = namedLevels(ctx.levels).filter((l) => l.significance >= MIN_LEVEL_SIGNIFICANCE);
  const distance = (l: NamedLevel) => Math.min(Math.abs(l.price - close), Math.abs(l.price - entry));
  return [...named]
    .sort((a, b) => distance(a) - distance(b) || b.significance - a.significance)
    .slice(0, MAX_LEVELS)
    .map((level) => ({ level, kind: levelKind(level, close) }));
}

/**
 * The chart of one evaluation: the last 160 bars of the idea's timeframe with EMA 20/50/200,
 * volume, entry/stop/target lines, the nearest key levels labelled, and the regime as a badge.
 * Pure: the same intent and ContextPack give the same spec.
 */
export function evaluationChartSpec(input: EvaluationChartInput): EvaluationChartContent {
  const { intent, context: ctx } = input;
  const start = Math.max(0, ctx.primary.bars.length - EVALUATION_CHART_BARS);
  const bars = ctx.primary.bars.slice(start);
  const overlays = EMAS.map(([name, label]) => ({
    name: label,
    values: Array.from(ctx.primary.features[name].subarray(start), (v) =>
      Number.isFinite(v) ? v : undefined,
    ),
  })).filter((o) => o.values.some((v) => v !== undefined));
  const lines: TradeLine[] = [{ kind: 'entry', price: intent.entry, label: 'Entry' }];
  if (intent.stop !== undefined) lines.push({ kind: 'stop', price: intent.stop, label: 'Stop' });
  intent.targets.forEach((price, i) =>
    lines.push({ kind: 'target', price, label: intent.targets.length > 1 ? `T${i + 1}` : 'Target' }),
  );
  const levels = chartLevels(ctx, intent.entry);
  const alignment = ctx.alignment(intent.side);
  const against = [
    ...new Set(alignment.conflicts.filter((c) => c.aspect === 'trend').map((c) => c.timeframe)),
  ];
  const title = [
    `${intent.side} @ ${intent.entry}`,
    input.score === undefined ? undefined : `score ${input.score}/100`,
    alignment.score === undefined
      ? undefined
      : `timeframes agree ${alignment.score}/100${against.length > 0 ? ` (against the ${against.join(', ')} trend)` : ''}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    spec: {
      title,
      symbol: ctx.symbol,
      timeframe: ctx.primary.timeframe,
      bars,
      overlays,
      lines,
      levels: levels.map(({ level, kind }) => ({ label: level.short, price: level.price, kind })),
      badge: badgeOf(ctx.regime),
      maxBars: EVALUATION_CHART_BARS,
    },
    indicators: ['volume', ...overlays.map((o) => o.name)],
    levels: levels.map(({ level }) => ({ label: level.name, price: level.price })),
  };
}
