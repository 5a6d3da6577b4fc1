import { inlineChartRenderer, type ChartRenderer } from '../../src/charts/index.js';

/** An evaluation's chart as `GET /api/evaluations/:id` reports it. */
export interface ChartJson {
  chartId: string;
  status: 'pending' | 'ready' | 'failed';
  url?: string;
  alt?: string;
}

/** Asks `GET /api/evaluations/:id` until its chart is no longer pending (ready or failed). */
export async function chartWhenSettled(base: string, evalId: string, timeoutMs = 30_000): Promise<ChartJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${base}/api/evaluations/${evalId}`);
    const body = (await res.json()) as { chart: ChartJson | null };
    if (body.chart && body.chart.status !== 'pending') return body.chart;
    if (Date.now() > deadline) throw new Error(`chart of ${evalId} still ${body.chart?.status ?? 'unknown'}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The real in-process renderer behind a gate the test opens: drawing waits until told to draw or fail. */
export function gatedRenderer() {
  let decide: (verdict: 'draw' | 'fail') => void = () => undefined;
  let verdict = new Promise<'draw' | 'fail'>((resolve) => (decide = resolve));
  const renderer: ChartRenderer = {
    kind: 'inline',
    async render(spec) {
      if ((await verdict) === 'fail') throw new Error('renderer refused this chart');
      return inlineChartRenderer.render(spec);
    },
    close: async () => {},
  };
  return {
    renderer,
    open(next: 'draw' | 'fail') {
      decide(next);
    },
    close() {
      verdict = new Promise<'draw' | 'fail'>((resolve) => (decide = resolve));
    },
  };
}
