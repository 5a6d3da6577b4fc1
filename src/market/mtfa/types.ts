import type { FeatureColumns } from '../features/index.js';
import type { Structure, StructureBias } from '../levels/index.js';
import type { Bar, Timeframe } from '../types.js';

export type IntentSide = 'long' | 'short';
export type Direction = 'up' | 'down' | 'mixed';
export type MtfaAspect = 'trend' | 'structure' | 'momentum';

export interface MtfaFrameInput {
  timeframe: Timeframe;
  bars: readonly Bar[];
  features: FeatureColumns;
}

export interface FrameEvidence {
  close: number;
  ema20: number;
  ema50: number;
  /** EMA50's change per bar over the last 5 bars, in ATR. */
  ema50SlopeAtr: number;
  atr: number;
  /** (close - EMA50) / ATR of this frame. */
  distanceAtr: number;
  macdHist: number;
  rsi14: number;
}

export interface SufficientFrame {
  timeframe: Timeframe;
  status: 'ok';
  bars: number;
  /** How much this frame counts in the score: 1 for the lowest frame, 2, 3 above it. */
  weight: number;
  /** Up when close > EMA50, EMA50 rising and EMA20 > EMA50 mostly agree (2 of 3 with none against). */
  trend: Direction;
  /** -1..1: the mean of those three votes. */
  trendVotes: number;
  structure: StructureBias;
  structureDetail: Structure;
  /** Up when the MACD histogram is positive and RSI above 50; down when both are opposite. */
  momentum: Direction;
  evidence: FrameEvidence;
  /** -1..1: how far this frame supports the intent's side (trend 0.5, structure 0.25, momentum 0.25). */
  agreement: number;
}

export interface InsufficientFrame {
  timeframe: Timeframe;
  status: 'insufficient';
  bars: number;
  required: number;
  weight: number;
  reason: string;
}

export type FrameAssessment = SufficientFrame | InsufficientFrame;

export interface MtfaConflict {
  timeframe: Timeframe;
  aspect: MtfaAspect;
  message: string;
  evidence: Record<string, number>;
}

export interface MtfaResult {
  version: number;
  intentSide: IntentSide;
  /** The lowest timeframe given: the one the trade is taken on. */
  intentTimeframe?: Timeframe;
  /** 0-100, 50 neutral; absent when no frame had enough bars. */
  score?: number;
  /** Lowest timeframe first. */
  frames: FrameAssessment[];
  /** Higher timeframes first. */
  conflicts: MtfaConflict[];
}
