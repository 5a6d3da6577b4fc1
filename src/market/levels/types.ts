import type { Timeframe } from '../types.js';
import type { RollingExtreme } from './extremes.js';
import type { AnchorPeriod, Cadence, Pivots, PriorBar } from './periods.js';

export type AnchorKind = 'swing-high' | 'swing-low' | 'period-start';

export interface AnchoredVwap {
  anchor: AnchorKind;
  anchorTs: number;
  /** Volume-weighted typical price (H+L+C)/3 from the anchor bar to the last bar. */
  price: number;
  /** Only for `period-start`: which period it restarts at. */
  period?: AnchorPeriod;
}

export interface SupportResistanceLevel {
  price: number;
  kind: 'support' | 'resistance';
  touches: number;
  lastTouchTs: number;
  strength: number;
}

/**
 * Key levels at the last bar. JSON-serialisable; every price is rounded to about six significant
 * digits. A part that the history is too short for is left out rather than guessed.
 */
export interface KeyLevels {
  version: number;
  /** Timestamp of the last bar, or null when there were no bars. */
  asOf: number | null;
  cadence: Cadence;
  lastClose?: number;
  priorBar?: PriorBar;
  pivots?: Pivots;
  rollingRange?: { lookback: number; high: number; low: number };
  /**
   * The highs and lows of the 20-, 60- and 250-bar windows, each with how far back it holds.
   * Absent in snapshots stored before version 2.
   */
  extremes?: RollingExtreme[];
  anchoredVwaps: AnchoredVwap[];
  /** Clustered swing levels, nearest to the last close first. */
  supportResistance: SupportResistanceLevel[];
  /** The ATR14 at the last bar, or a mean-range stand-in when ATR is not yet stable. */
  atr?: number;
}

export interface KeyLevelsOptions {
  timeframe?: Timeframe;
  /** Bars each side of a fractal swing. Default 3. */
  swingK?: number;
  /** Bars searched for swings (S/R and anchors). Default 250. */
  lookback?: number;
  /** Swing prices closer than this many ATR join one level. Default 0.5. */
  toleranceAtr?: number;
  /** How many S/R levels to keep. Default 8. */
  maxLevels?: number;
  /** Bars in the rolling high/low range. Default 20. */
  rangeLookback?: number;
}

export type LevelSource =
  | 'prior-high'
  | 'prior-low'
  | 'prior-close'
  | 'pivot-p'
  | 'pivot-r1'
  | 'pivot-r2'
  | 'pivot-r3'
  | 'pivot-s1'
  | 'pivot-s2'
  | 'pivot-s3'
  | 'range-high'
  | 'range-low'
  | 'avwap-swing-high'
  | 'avwap-swing-low'
  | 'avwap-period-start'
  | 'support'
  | 'resistance';

export interface NearLevel {
  price: number;
  source: LevelSource;
  /** Absolute distance from the reference price. */
  distance: number;
  /** Distance in ATR; absent when no positive ATR was given. */
  distanceAtr?: number;
}

export interface NearestLevels {
  support?: NearLevel;
  resistance?: NearLevel;
}
