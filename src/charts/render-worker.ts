// Runs inside a piscina worker thread (src/charts/worker-pool.ts): the CPU-heavy part of a
// chart, ECharts to SVG and resvg to PNG, so the event loop that answers Slack, Discord and
// HTTP never waits behind it.
import { renderCandleSvg, svgToPng } from './render-candles.js';
import type { CandleChartSpec } from './spec.js';

export default function renderChart(spec: CandleChartSpec): Uint8Array {
  return svgToPng(renderCandleSvg(spec));
}
