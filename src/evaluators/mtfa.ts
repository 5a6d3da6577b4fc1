import { withinReach } from './risk-rules.js';
import { z } from 'zod';
import type { MtfaConflict, SufficientFrame } from '../market/mtfa/index.js';
import { capitalise } from './level-facts.js';
import { fmt, positionMath } from './position-math.js';
import { round, scoreFrom, type EvidenceValue, type Evaluator, type Issue } from './types.js';

const ConfigSchema = z.object({
  /** Alignment below this (0-100, 50 neutral) is reported even without a named trend conflict. */
  weakAlignment: z.number().min(0).max(100),
  /** Alignment below this makes a higher-timeframe trend conflict high severity. */
  severeAlignment: z.number().min(0).max(100),
});
type Config = z.infer<typeof ConfigSchema>;

const pct = (from: number, to: number): string =>
  `${to >= from ? '+' : ''}${fmt(((to - from) / from) * 100, 1)}%`;

/** What would lift the conflict, from the frame's own numbers, and the half-size alternative. */
function trendMitigation(
  side: 'long' | 'short',
  frame: SufficientFrame,
  halfShares: number | undefined,
  fullShares: number | undefined,
): string {
  const e = frame.evidence;
  const cross = side === 'long' ? 'above' : 'below';
  const size =
    halfShares !== undefined && fullShares !== undefined && halfShares > 0
      ? `, or take it at half size (${halfShares} shares instead of ${fullShares} at your risk limit)`
      : ', or take it at half size';
  // Measured in percent only: a higher frame's ATR is its own scale.
  if (!withinReach(e.close, e.ema50, undefined)) {
    // A wait for a cross far away is not a fix anyone would act on: say there is none nearby.
    const half = size.replace(/^, or take it/, 'Take it');
    return `No nearby fix on the ${frame.timeframe} chart: its 50-EMA at ${fmt(e.ema50)} is ${pct(e.close, e.ema50)} from the last close ${fmt(e.close)}, too far to wait for. ${half}, or pass.`;
  }
  return `Wait for a ${frame.timeframe} close ${cross} its 50-EMA at ${fmt(e.ema50)} (${pct(e.close, e.ema50)} from the last ${frame.timeframe} close ${fmt(e.close)})${size}.`;
}

function evidenceOf(conflict: MtfaConflict, score: number | undefined): Record<string, EvidenceValue> {
  const out: Record<string, EvidenceValue> = { timeframe: conflict.timeframe, alignmentScore: score ?? null };
  for (const [key, value] of Object.entries(conflict.evidence)) out[key] = value;
  return out;
}

/** "long on 1d while 1w is ... and 1M is ...": the shared opening is said once. */
function joinConflicts(messages: readonly string[], opening: string): string {
  return messages.map((m, i) => (i > 0 && m.startsWith(opening) ? m.slice(opening.length) : m)).join(' and ');
}

/** A structure or momentum conflict: worth knowing, milder than a trend against the idea. */
function softConflict(
  side: 'long' | 'short',
  conflict: MtfaConflict,
  frame: SufficientFrame,
  score: number | undefined,
  scoreText: string,
  half: number | undefined,
  own: boolean,
): Issue {
  const base = {
    message: `${capitalise(conflict.message)}.${scoreText}`,
    evidence: evidenceOf(conflict, score),
  };
  if (conflict.aspect === 'structure') {
    const level = side === 'long' ? frame.structureDetail.lastHigh : frame.structureDetail.lastLow;
    return {
      ...base,
      code: own ? 'counter-structure-entry' : 'htf-structure-conflict',
      severity: own ? 'low' : 'medium',
      topic: own ? 'counter-trend' : 'mtfa-htf',
      mitigation:
        level === undefined
          ? 'Wait for the structure to turn before adding size.'
          : `The ${conflict.timeframe} structure turns only beyond its last swing ${side === 'long' ? 'high' : 'low'} at ${fmt(level)}; until then keep the size small${half !== undefined && half > 0 ? ` (${half} shares, half your risk limit)` : ''}.`,
    };
  }
  return {
    ...base,
    code: own ? 'counter-momentum-entry' : 'htf-momentum-conflict',
    severity: 'low',
    topic: own ? 'counter-momentum' : 'mtfa-htf',
    mitigation: `Momentum on ${conflict.timeframe} turns with the MACD histogram crossing zero (now ${fmt(conflict.evidence.macdHist ?? 0, 4)}) and RSI crossing 50 (now ${fmt(conflict.evidence.rsi14 ?? 50, 1)}); an entry after that is with it.`,
  };
}

export const mtfa = {
  id: 'mtfa',
  version: 1,
  title: 'Multi-timeframe alignment',
  configSchema: ConfigSchema,
  defaults: { weakAlignment: 40, severeAlignment: 30 },
  evaluate(intent, ctx, config) {
    const result = ctx.alignment(intent.side);
    const issues: Issue[] = [];
    const ok = result.frames.filter((f): f is SufficientFrame => f.status === 'ok');
    const higher = ok.filter((f) => f.timeframe !== result.intentTimeframe);
    const math = positionMath(intent, ctx);
    const full = math.sharesAtMaxRisk;
    const half = full === undefined ? undefined : Math.floor(full / 2);
    const against = intent.side === 'long' ? 'down' : 'up';
    const trendConflicts = result.conflicts.filter(
      (c) => c.aspect === 'trend' && c.timeframe !== result.intentTimeframe,
    );
    // Every higher frame against, and at least two of them: one frame alone is not "all".
    const allHigherAgainst = higher.length >= 2 && higher.every((f) => f.trend === against);

    const scoreText = result.score === undefined ? '' : ` Alignment ${result.score}/100.`;
    // Higher frames: one issue for all their trend conflicts; else the first structure/momentum one.
    if (trendConflicts.length > 0) {
      const frames = trendConflicts
        .map((c) => ok.find((f) => f.timeframe === c.timeframe))
        .filter((f): f is SufficientFrame => f !== undefined);
      const nearest = frames.sort((a, b) => a.weight - b.weight)[0];
      const severe = allHigherAgainst || (result.score ?? 50) < config.severeAlignment;
      const evidence: Record<string, EvidenceValue> = {
        alignmentScore: result.score ?? null,
        timeframes: frames.map((f) => f.timeframe).join(', '),
      };
      for (const f of frames)
        Object.assign(evidence, {
          [`close ${f.timeframe}`]: f.evidence.close,
          [`ema50 ${f.timeframe}`]: f.evidence.ema50,
          [`distance atr ${f.timeframe}`]: f.evidence.distanceAtr,
        });
      issues.push({
        code: 'htf-trend-conflict',
        severity: severe ? 'high' : 'medium',
        topic: 'mtfa-htf',
        message: `${capitalise(
          joinConflicts(
            trendConflicts.map((c) => c.message),
            `${intent.side} on ${result.intentTimeframe ?? ''} while `,
          ),
        )}.${scoreText}`,
        evidence,
        mitigation: nearest
          ? trendMitigation(intent.side, nearest, half, full)
          : 'Trade it at half size until the higher timeframe turns.',
      });
    } else {
      const other = result.conflicts.find((c) => c.timeframe !== result.intentTimeframe);
      const frame = other && ok.find((f) => f.timeframe === other.timeframe);
      if (other && frame)
        issues.push(softConflict(intent.side, other, frame, result.score, scoreText, half, false));
    }
    // The trade's own timeframe: a counter-trend entry, or (without one) its structure or momentum.
    const own = result.conflicts.find((c) => c.timeframe === result.intentTimeframe);
    const ownFrame = own && ok.find((f) => f.timeframe === own.timeframe);
    if (own && ownFrame) {
      issues.push(
        own.aspect === 'trend'
          ? {
              code: 'counter-trend-entry',
              severity: 'medium',
              topic: 'counter-trend',
              message: `${capitalise(own.message)}.${scoreText}`,
              evidence: evidenceOf(own, result.score),
              mitigation: trendMitigation(intent.side, ownFrame, half, full),
            }
          : softConflict(intent.side, own, ownFrame, result.score, scoreText, half, true),
      );
    }
    if (trendConflicts.length === 0 && result.score !== undefined && result.score < config.weakAlignment) {
      const weakest = [...ok].sort((a, b) => a.agreement - b.agreement)[0];
      issues.push({
        code: 'mtfa-weak-alignment',
        severity: 'low',
        topic: 'mtfa-alignment',
        message: `The timeframes barely support a ${intent.side}: alignment ${result.score}/100 (50 is neutral)${weakest ? `, weakest on ${weakest.timeframe} (agreement ${round(weakest.agreement)})` : ''}.`,
        evidence: {
          alignmentScore: result.score,
          weakestTimeframe: weakest?.timeframe ?? null,
          weakestAgreement: weakest ? round(weakest.agreement) : null,
        },
        mitigation: `Reduce the size${half !== undefined && half > 0 ? ` to ${half} shares (half your risk limit)` : ''} until the ${weakest?.timeframe ?? 'higher'} frame agrees.`,
      });
    }
    const insufficient = result.frames.filter((f) => f.status === 'insufficient');
    if (insufficient.length > 0) {
      issues.push({
        code: 'mtfa-frames-insufficient',
        severity: 'info',
        message: `Not every timeframe could be read: ${insufficient.map((f) => `${f.timeframe} (${f.status === 'insufficient' ? f.reason : ''})`).join(', ')}.`,
        evidence: { frames: insufficient.map((f) => f.timeframe).join(', ') },
        mitigation: `The ${insufficient.map((f) => f.timeframe).join(' and ')} frame${insufficient.length > 1 ? 's were' : ' was'} left out of the alignment; more history (${insufficient.map((f) => `${f.timeframe}: ${f.bars} of ${f.required} bars`).join(', ')}) would add ${insufficient.length > 1 ? 'them' : 'it'}.`,
      });
    }
    const facts: Record<string, EvidenceValue> = {
      alignmentScore: result.score ?? null,
      side: intent.side,
      conflicts: result.conflicts.length,
    };
    for (const f of ok) {
      facts[`trend${f.timeframe}`] = f.trend;
      facts[`structure${f.timeframe}`] = f.structure;
      facts[`momentum${f.timeframe}`] = f.momentum;
      facts[`distanceAtr${f.timeframe}`] = f.evidence.distanceAtr;
    }
    return { score: scoreFrom(issues), issues, explainFacts: facts };
  },
} satisfies Evaluator<Config>;
