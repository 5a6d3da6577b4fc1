import type { TradeIntent } from '../../evaluators/index.js';
import type { KeyFactor, Recommendation } from '../schema.js';
import type { Facts, RetrievedChunk } from '../types.js';

/**
 * One piece of directional evidence: +1 leans BUY, -1 leans SELL, 0 is neutral but still counts
 * in the denominator (a weak ADX dilutes a trend reading instead of vanishing).
 */
export interface Vote {
  factor: string;
  /** The fact this vote rests on; it must be a key of the agent's facts. */
  fact: string;
  direction: -1 | 0 | 1;
  weight: number;
  /**
   * A vote about the trader's plan (a level in the way of this side), not about the market: it
   * counts in the decision, but the market tally leaves it out, so the same bar reads the same
   * for a long and a short.
   */
  plan?: boolean;
}

export interface Decision {
  recommendation: Recommendation;
  confidence: number;
  /** Weighted mean direction, -1..1. */
  net: number;
}

/** |net| at or above this makes a directional call; below it the evidence is mixed. */
export const DIRECTION_THRESHOLD = 0.25;

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/**
 * Weighted vote. A call (BUY/SELL) gets confidence 50 + 45 x |net| (61-95), a mixed reading HOLD
 * gets 40-55 (highest when the votes cancel exactly); both scale with `coverage`, the share of
 * the inputs the agent expected that were present.
 */
export function decide(votes: readonly Vote[], coverage: number): Decision {
  const total = votes.reduce((s, v) => s + v.weight, 0);
  const net = total > 0 ? votes.reduce((s, v) => s + v.weight * v.direction, 0) / total : 0;
  const strength = Math.abs(net);
  const cover = clamp01(coverage);
  if (strength >= DIRECTION_THRESHOLD) {
    return {
      recommendation: net > 0 ? 'BUY' : 'SELL',
      confidence: Math.round(cover * (50 + 45 * strength)),
      net,
    };
  }
  return {
    recommendation: 'HOLD',
    confidence: Math.round(cover * (40 + 60 * (DIRECTION_THRESHOLD - strength))),
    net,
  };
}

/**
 * The strongest votes for the decision, with the strongest vote against it kept in view (a
 * reader should see what disagrees), each citing its fact; one slot goes to the top retrieved
 * passage when there is one, as background.
 */
export function keyFactors(
  votes: readonly Vote[],
  facts: Facts,
  decision: Decision,
  chunks: readonly RetrievedChunk[],
): KeyFactor[] {
  const sign = decision.recommendation === 'BUY' ? 1 : decision.recommendation === 'SELL' ? -1 : 0;
  const slots = chunks.length > 0 ? 4 : 5;
  const cited = votes.filter((v) => facts[v.fact] !== undefined);
  const byWeight = (a: Vote, b: Vote) => b.weight - a.weight;
  const forIt = cited.filter((v) => sign !== 0 && v.direction === sign).sort(byWeight);
  const against = cited.filter((v) => v.direction !== 0 && v.direction !== sign).sort(byWeight);
  const neutral = cited.filter((v) => v.direction === 0).sort(byWeight);
  const picked: Vote[] = [...forIt.slice(0, against.length > 0 ? slots - 1 : slots), ...against.slice(0, 1)];
  for (const v of [...forIt, ...against, ...neutral])
    if (picked.length < slots && !picked.includes(v)) picked.push(v);
  const factors = picked.slice(0, slots).map((v) => ({
    factor: v.factor,
    evidence: { kind: 'feature' as const, name: v.fact, value: facts[v.fact] ?? 0 },
  }));
  return withBackground(factors, chunks);
}

export function withBackground(factors: KeyFactor[], chunks: readonly RetrievedChunk[]): KeyFactor[] {
  const top = chunks[0];
  if (!top || factors.length >= 5) return factors;
  return [
    ...factors,
    { factor: `Background reading: ${top.heading}`, evidence: { kind: 'chunk', chunkId: top.chunkId } },
  ];
}

/** Whether a directional view is with the trader's side; undefined for HOLD (no view). */
export function withSide(recommendation: Recommendation, side: TradeIntent['side']): boolean | undefined {
  return recommendation === 'HOLD' ? undefined : (recommendation === 'BUY') === (side === 'long');
}

/** How a directional view relates to the trader's side, in words. */
export function stance(recommendation: Recommendation, intent: TradeIntent): string {
  const agrees = withSide(recommendation, intent.side);
  if (agrees === undefined) return `No clear edge either way for this ${intent.side} idea.`;
  return agrees ? `This supports the ${intent.side} idea.` : `This argues against the ${intent.side} idea.`;
}

/**
 * "4 of 6 signals lean up, 1 down": the market's tally, the same for either side; plan votes (a
 * level in the way) are named after it: "; 1 check of the plan against it".
 */
export function tally(votes: readonly Vote[]): string {
  const market = votes.filter((v) => !v.plan);
  const up = market.filter((v) => v.direction > 0).length;
  const down = market.filter((v) => v.direction < 0).length;
  const plan = votes.length - market.length;
  const planText = plan > 0 ? `; ${plan} check${plan === 1 ? '' : 's'} of the plan against it` : '';
  return `${up} of ${market.length} signals lean up, ${down} down${planText}`;
}
