export {
  REGIME_VERSION,
  computeRegime,
  regimeLabel,
  type RegimeOptions,
  type RegimeSnapshot,
} from './compute-regime.js';
export { filterHmm, fitGaussianHmm, type GaussianHmmParams, type HmmFit, type HmmFitOptions } from './hmm.js';
export {
  hmmObservations,
  hmmRegime,
  type HmmOptions,
  type HmmSnapshot,
  type HmmStateLabel,
  type HmmStateSummary,
} from './hmm-snapshot.js';
export {
  assessTrend,
  emaSlopeAtr,
  type TrendAssessment,
  type TrendComponents,
  type TrendState,
} from './trend.js';
export {
  assessLiquidity,
  assessVolatility,
  type LiquidityAssessment,
  type LiquidityState,
  type VolatilityAssessment,
  type VolState,
} from './volatility.js';
