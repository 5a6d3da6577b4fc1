import { TIMEFRAMES } from '../types.js';
import { assessFrame } from './frame.js';
import type {
  FrameAssessment,
  IntentSide,
  MtfaConflict,
  MtfaFrameInput,
  MtfaResult,
  SufficientFrame,
} from './types.js';

export const MTFA_VERSION = 1;

const signed = (v: number, digits = 1): string => `${v > 0 ? '+' : ''}${v.toFixed(digits)}`;

function conflictsOf(side: IntentSide, intentTf: string, f: SufficientFrame): MtfaConflict[] {
  const against = side === 'long' ? 'down' : 'up';
  // "against a 1d uptrend" but "while 1w is in an uptrend": the article goes with the next word.
  const where =
    f.timeframe === intentTf
      ? `against a ${f.timeframe}`
      : `while ${f.timeframe} is in ${against === 'up' ? 'an' : 'a'}`;
  const prefix = `${side} on ${intentTf} ${where}`;
  const e = f.evidence;
  const out: MtfaConflict[] = [];
  if (f.trend === against) {
    const position = e.distanceAtr >= 0 ? 'above' : 'below';
    const trendWord = against === 'down' ? 'downtrend' : 'uptrend';
    const lead = f.timeframe === intentTf ? `${prefix} ${trendWord}: price` : `${prefix} ${trendWord}`;
    out.push({
      timeframe: f.timeframe,
      aspect: 'trend',
      message: `${lead} ${position} its 50-EMA (${signed(e.distanceAtr)} ATR)`,
      evidence: {
        close: e.close,
        ema20: e.ema20,
        ema50: e.ema50,
        ema50SlopeAtr: e.ema50SlopeAtr,
        distanceAtr: e.distanceAtr,
      },
    });
  }
  const s = f.structureDetail;
  if (
    f.structure === against &&
    s.lastHigh !== undefined &&
    s.prevHigh !== undefined &&
    s.lastLow !== undefined &&
    s.prevLow !== undefined
  ) {
    const pattern = against === 'down' ? 'lower highs and lower lows' : 'higher highs and higher lows';
    const on =
      f.timeframe === intentTf
        ? `${side} on ${intentTf} while it prints`
        : `${side} on ${intentTf} while ${f.timeframe} prints`;
    out.push({
      timeframe: f.timeframe,
      aspect: 'structure',
      message: `${on} ${pattern} (high ${s.lastHigh} after ${s.prevHigh}, low ${s.lastLow} after ${s.prevLow})`,
      evidence: { lastHigh: s.lastHigh, prevHigh: s.prevHigh, lastLow: s.lastLow, prevLow: s.prevLow },
    });
  }
  if (f.momentum === against) {
    const mood = against === 'down' ? 'bearish' : 'bullish';
    const whose = f.timeframe === intentTf ? `its ${f.timeframe}` : f.timeframe;
    out.push({
      timeframe: f.timeframe,
      aspect: 'momentum',
      message: `${side} on ${intentTf} while ${whose} momentum is ${mood} (MACD histogram ${signed(e.macdHist, 2)}, RSI ${e.rsi14.toFixed(1)})`,
      evidence: { macdHist: e.macdHist, rsi14: e.rsi14 },
    });
  }
  return out;
}

/**
 * How far the intent's timeframe and the ones above it agree with the intent's side. Frames are
 * sorted by timeframe; the lowest is the intent's and weighs 1, the next 2, the next 3, so a
 * weekly downtrend outweighs a daily uptrend. Score = 50 + 50 * weighted mean agreement.
 */
export function computeAlignment(intentSide: IntentSide, frames: readonly MtfaFrameInput[]): MtfaResult {
  const sorted = [...frames].sort(
    (a, b) => TIMEFRAMES.indexOf(a.timeframe) - TIMEFRAMES.indexOf(b.timeframe),
  );
  const assessed: FrameAssessment[] = sorted.map((f, rank) => assessFrame(f, intentSide, rank + 1));
  const result: MtfaResult = { version: MTFA_VERSION, intentSide, frames: assessed, conflicts: [] };
  const intentTimeframe = sorted[0]?.timeframe;
  if (intentTimeframe === undefined) return result;
  result.intentTimeframe = intentTimeframe;

  const ok = assessed.filter((f): f is SufficientFrame => f.status === 'ok');
  const weight = ok.reduce((sum, f) => sum + f.weight, 0);
  if (weight > 0) {
    const agreement = ok.reduce((sum, f) => sum + f.weight * f.agreement, 0) / weight;
    result.score = Math.round(50 + 50 * agreement);
  }
  result.conflicts = [...ok]
    .sort((a, b) => b.weight - a.weight)
    .flatMap((f) => conflictsOf(intentSide, intentTimeframe, f));
  return result;
}
