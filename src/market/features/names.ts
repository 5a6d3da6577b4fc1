export const FEATURE_NAMES = [
  'sma20',
  'sma50',
  'sma200',
  'ema20',
  'ema50',
  'ema200',
  'rsi14',
  'atr14',
  'macd',
  'macdSignal',
  'macdHist',
  'bbUpper',
  'bbMiddle',
  'bbLower',
  'adx14',
  'plusDi',
  'minusDi',
  'stochK',
  'stochD',
  'obv',
  'relVolume',
  'vwap',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * One column per feature, aligned with the bars it was computed from. A value is NaN until the
 * indicator has seen enough bars to be stable (and VWAP is NaN on daily and higher timeframes).
 */
export type FeatureColumns = Record<FeatureName, Float64Array>;

export type FeatureSnapshot = Partial<Record<FeatureName, number>>;
