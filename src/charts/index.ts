export { renderCandleChart, renderCandleSvg, svgToPng } from './render-candles.js';
export {
  candleChartSpecSchema,
  parseCandleChartSpec,
  ChartSpecError,
  type CandleChartSpec,
  type ValidCandleChartSpec,
  type TradeLine,
  type KeyLevel,
  type ChartBadge,
  type ChartOverlay,
} from './spec.js';
export { buildChartOption, type BuiltChart } from './option.js';
export { CHART_FONT_FAMILY, CHART_FONT_FILES } from './font.js';
export { createEvaluationCharts, type EvaluationChart, type EvaluationCharts } from './evaluation-chart.js';
export {
  EVALUATION_CHART_BARS,
  evaluationChartSpec,
  type EvaluationChartContent,
  type EvaluationChartInput,
} from './evaluation-spec.js';
export { createChartImages, type ChartImage, type ChartImages } from './chart-images.js';
export { inlineChartRenderer, type ChartRenderer } from './chart-renderer.js';
export { createChartWorkerPool, defaultChartWorkers, type ChartPoolOptions } from './worker-pool.js';
