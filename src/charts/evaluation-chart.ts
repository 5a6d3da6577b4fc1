import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { ChartRepository } from '../db/index.js';
import type { ObjectStore } from '../storage/index.js';
import { inlineChartRenderer, type ChartRenderer } from './chart-renderer.js';
import { evaluationChartSpec, type EvaluationChartInput } from './evaluation-spec.js';

/** A stored chart image: `path` when it is a local file (the terminal prints it), else `url`. */
export interface EvaluationChart {
  chartId: string;
  key: string;
  url: string;
  path?: string;
  alt: string;
}

export interface EvaluationCharts {
  /**
   * Renders, stores and records the chart of one evaluation. Never throws: a chart is a bonus,
   * so a failure is logged and the answer goes out without one (undefined).
   */
  forEvaluation(
    input: EvaluationChartInput & { evalId: string; chartId?: string },
  ): Promise<EvaluationChart | undefined>;
  /** Points the evaluation's agent journal rows at the chart (those written before it was stored). */
  linkAudit(evalId: string, chartId: string): Promise<void>;
  /** The chart stored for an evaluation, if any. */
  stored(evalId: string): Promise<EvaluationChart | undefined>;
}

const KEY_UNSAFE = /[^A-Za-z0-9._-]/g;

export function createEvaluationCharts(deps: {
  store: ObjectStore;
  charts: ChartRepository;
  logger: Logger;
  /** Where PNGs are drawn: the worker pool in the service, this thread by default. */
  renderer?: ChartRenderer;
}): EvaluationCharts {
  const renderer = deps.renderer ?? inlineChartRenderer;
  const linkAudit = async (evalId: string, chartId: string) => {
    await deps.charts.linkJournal(evalId, chartId);
  };
  return {
    linkAudit,
    async stored(evalId) {
      const [row] = await deps.charts.chartsForEvaluation(evalId);
      if (!row) return undefined;
      const chart: EvaluationChart = {
        chartId: row.chartId,
        key: row.imageKey,
        url: row.imageUrl,
        alt: `${row.symbol} ${row.timeframe} candlestick chart`,
      };
      if (row.imageUrl.startsWith('file:')) chart.path = fileURLToPath(row.imageUrl);
      return chart;
    },
    async forEvaluation(input) {
      const { intent, context: ctx, evalId } = input;
      try {
        const started = performance.now();
        const content = evaluationChartSpec(input);
        const png = await renderer.render(content.spec);
        const day = new Date(ctx.asOf).toISOString().slice(0, 10);
        const key = `${ctx.symbol.replace(KEY_UNSAFE, '_')}/${ctx.primary.timeframe}/${day}/${evalId}.png`;
        const stored = await deps.store.put(key, png, 'image/png');
        const row = await deps.charts.saveChart({
          ...(input.chartId ? { chartId: input.chartId } : {}),
          evalId,
          symbol: ctx.symbol,
          timeframe: ctx.primary.timeframe,
          chartType: 'candlestick',
          imageKey: stored.key,
          imageUrl: stored.url,
          indicatorsApplied: {
            indicators: content.indicators,
            levels: content.levels,
            regime: ctx.regime.label,
            bars: content.spec.bars.length,
          },
          dataPoints: content.spec.bars.length,
          lastPrice: ctx.primary.lastBar.close,
        });
        await linkAudit(evalId, row.chartId);
        deps.logger.debug(
          { evalId, chartId: row.chartId, ms: Math.round(performance.now() - started), bytes: png.length },
          'evaluation chart stored',
        );
        const targets = intent.targets.length > 0 ? `, target ${intent.targets.join(' / ')}` : '';
        const chart: EvaluationChart = {
          chartId: row.chartId,
          key: stored.key,
          url: stored.url,
          alt: `${ctx.symbol} ${ctx.primary.timeframe} candlestick chart of the last ${content.spec.bars.length} bars with EMA 20/50/200, volume, entry ${intent.entry}${intent.stop === undefined ? '' : `, stop ${intent.stop}`}${targets} and ${content.levels.length} key levels; regime: ${ctx.regime.label}.`,
        };
        if (stored.url.startsWith('file:')) chart.path = fileURLToPath(stored.url);
        return chart;
      } catch (error) {
        deps.logger.warn(
          { err: error, evalId, symbol: ctx.symbol },
          'evaluation chart failed; answering without a chart',
        );
        return undefined;
      }
    },
  };
}
