import { renderCandleChart } from './render-candles.js';
import type { CandleChartSpec } from './spec.js';

/** Turns a chart spec into PNG bytes: in a worker pool (src/charts/worker-pool.ts) or in this thread. */
export interface ChartRenderer {
  readonly kind: 'inline' | 'workers';
  render(spec: CandleChartSpec): Promise<Buffer>;
  close(): Promise<void>;
}

/** Renders on the calling thread: for one-shot CLI commands, tests and the benchmark's baseline. */
export const inlineChartRenderer: ChartRenderer = {
  kind: 'inline',
  render: renderCandleChart,
  close: async () => {},
};
