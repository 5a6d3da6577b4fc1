import { type EvaluationOutcome, ordinal } from '../../evaluators/index.js';
import { atrOf, namedLevels, nearestNamed, type NearNamed } from '../../evaluators/level-facts.js';
import type { SufficientFrame } from '../../market/mtfa/index.js';

const MIN_SIGNIFICANCE = 40;

function price(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2, useGrouping: false });
}

function frameText(f: SufficientFrame): string {
  const d = f.evidence.distanceAtr;
  return `${f.timeframe} ${f.trend === 'mixed' ? 'mixed' : `${f.trend}trend`} (${d > 0 ? '+' : ''}${d.toFixed(1)} ATR from its 50-EMA)`;
}

function levelText(kind: 'support' | 'resistance', level: NearNamed | undefined): string {
  if (!level) return `no ${kind} ${kind === 'support' ? 'below' : 'above'}`;
  const where =
    level.distanceAtr < 0.05
      ? 'at the entry'
      : `${level.distanceAtr.toFixed(2)} ATR ${kind === 'support' ? 'below' : 'above'}`;
  return `${kind} ${price(level.price)} (${level.name}, ${where})`;
}

/**
 * The market behind the report in three lines, every number from the ContextPack: the regime,
 * how the timeframes line up for this side, and the nearest significant levels around the entry.
 */
export function contextSection(outcome: EvaluationOutcome): { heading: string; text: string } {
  const { intent, context: ctx } = outcome;
  const r = ctx.regime;
  const hmm = r.hmm;
  const state = hmm?.states[hmm.currentState];
  const regimeNumbers = [
    r.trendComponents.adx === undefined ? undefined : `ADX ${r.trendComponents.adx.toFixed(1)}`,
    r.atrPercentile === undefined
      ? undefined
      : `ATR at the ${ordinal(r.atrPercentile)} percentile of the year`,
    state && hmm
      ? `the volatility model reads ${state.label} (probability ${Math.round(state.prob * 100)}%), ${Math.round(hmm.transitionRisk * 100)}% chance it changes state soon`
      : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const alignment = ctx.alignment(intent.side);
  const frames = alignment.frames.filter((f): f is SufficientFrame => f.status === 'ok');
  const htf = alignment.conflicts.find(
    (c) => c.timeframe !== alignment.intentTimeframe && c.aspect === 'trend',
  );
  const mtfa =
    alignment.score === undefined
      ? 'Timeframes: not enough bars on the higher timeframes.'
      : `Timeframes agree ${alignment.score}/100 with a ${intent.side}: ${frames.map(frameText).join(', ')}${htf ? ` — conflict: ${htf.message}` : ''}.`;
  const atr = atrOf(ctx);
  const lines = [`Regime: ${r.label}${regimeNumbers ? ` (${regimeNumbers})` : ''}.`, mtfa];
  if (atr !== undefined) {
    const near = nearestNamed(
      namedLevels(ctx.levels).filter((l) => l.significance >= MIN_SIGNIFICANCE),
      intent.entry,
      atr,
    );
    lines.push(
      `Levels around the entry ${price(intent.entry)} (ATR ${price(atr)}): ${levelText('support', near.support)}; ${levelText('resistance', near.resistance)}.`,
    );
  }
  return { heading: 'Context', text: lines.join('\n') };
}
