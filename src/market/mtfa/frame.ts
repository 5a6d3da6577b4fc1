import { featureAt, type FeatureName } from '../features/index.js';
import { findSwings, roundPrice, roundTo, roundedStructure, structureOf } from '../levels/index.js';
import { assessTrend, emaSlopeAtr } from '../regime/index.js';
import type { Direction, FrameAssessment, IntentSide, MtfaFrameInput } from './types.js';

/** EMA50's slope over 5 bars: the longest look-back of what a frame reads (EMA50 stable from bar 50). */
const EMA50_SLOPE_SPAN = 5;
/**
 * The bars a frame needs, from what its features need: EMA50 is stable from bar 50 and its slope
 * looks 5 bars back, so 55 (MACD's histogram needs 34, RSI 15). Five years of daily bars make
 * about 59 monthly bars, enough for the monthly frame.
 */
export const MIN_FRAME_BARS = 50 + EMA50_SLOPE_SPAN;
const NEEDED: readonly FeatureName[] = ['ema20', 'ema50', 'atr14', 'macdHist', 'rsi14'];

const sign = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0);

function directionOf(votes: readonly number[]): Direction {
  const ups = votes.filter((v) => v > 0).length;
  const downs = votes.filter((v) => v < 0).length;
  if (downs === 0 && ups >= Math.ceil((2 * votes.length) / 3)) return 'up';
  if (ups === 0 && downs >= Math.ceil((2 * votes.length) / 3)) return 'down';
  return 'mixed';
}

/**
 * Trend, structure and momentum of one timeframe at its last bar, and how far they support the
 * intent's side. A frame without enough bars is reported as insufficient, not guessed.
 */
export function assessFrame(
  frame: MtfaFrameInput,
  side: IntentSide,
  weight: number,
  swingK = 2,
): FrameAssessment {
  const { timeframe, bars, features } = frame;
  const i = bars.length - 1;
  const missing = NEEDED.filter((name) => featureAt(features, name, i) === undefined);
  const slope = emaSlopeAtr(features, 'ema50', i, EMA50_SLOPE_SPAN);
  const last = bars[i];
  if (bars.length < MIN_FRAME_BARS || missing.length > 0 || slope === undefined || !last) {
    const reason =
      bars.length < MIN_FRAME_BARS
        ? `${bars.length} bars, ${MIN_FRAME_BARS} needed`
        : `features not yet stable: ${missing.length > 0 ? missing.join(', ') : 'ema50 slope'}`;
    return { timeframe, status: 'insufficient', bars: bars.length, required: MIN_FRAME_BARS, weight, reason };
  }
  const ema20 = featureAt(features, 'ema20', i) ?? 0;
  const ema50 = featureAt(features, 'ema50', i) ?? 0;
  const atr = featureAt(features, 'atr14', i) ?? 0;
  const macdHist = featureAt(features, 'macdHist', i) ?? 0;
  const rsi14 = featureAt(features, 'rsi14', i) ?? 50;

  // One definition of trend for every frame: the regime's (slopes and swing structure, sized
  // by ADX), so the alignment and RegimeFit never read one market two ways.
  const trend = assessTrend(bars, features);
  const trendSigns = [sign(last.close - ema50), sign(slope), sign(ema20 - ema50)];
  const momentumSigns = [sign(macdHist), sign(rsi14 - 50)];
  const structureDetail = structureOf(
    findSwings(bars, swingK, Math.max(0, bars.length - 250)),
    4,
    last.close,
  );
  const trendVotes =
    trend.state === 'uptrend' || trend.state === 'downtrend'
      ? (trend.components.direction ?? 0)
      : // A range: the EMA votes only count for half, whatever side they lean.
        (0.5 * trendSigns.reduce((a, b) => a + b, 0)) / trendSigns.length;
  const momentumValue = momentumSigns.reduce((a, b) => a + b, 0) / momentumSigns.length;
  const structureValue = { up: 1, down: -1, mixed: 0, unknown: undefined }[structureDetail.bias];

  let support = 0.5 * trendVotes + 0.25 * momentumValue;
  let total = 0.75;
  if (structureValue !== undefined) {
    support += 0.25 * structureValue;
    total += 0.25;
  }
  const ref = last.close;
  return {
    timeframe,
    status: 'ok',
    bars: bars.length,
    weight,
    trend: trend.state === 'uptrend' ? 'up' : trend.state === 'downtrend' ? 'down' : 'mixed',
    trendVotes: roundTo(trendVotes, 4),
    structure: structureDetail.bias,
    structureDetail: roundedStructure(structureDetail, ref),
    momentum: directionOf(momentumSigns),
    evidence: {
      close: roundPrice(last.close, ref),
      ema20: roundPrice(ema20, ref),
      ema50: roundPrice(ema50, ref),
      ema50SlopeAtr: roundTo(slope, 4),
      atr: roundPrice(atr, ref),
      distanceAtr: roundTo(atr > 0 ? (last.close - ema50) / atr : 0, 2),
      // Two more decimals than prices: a histogram near zero still shows its sign.
      macdHist: roundPrice(macdHist, ref / 100),
      rsi14: roundTo(rsi14, 2),
    },
    agreement: roundTo(((side === 'long' ? 1 : -1) * support) / total, 4),
  };
}
