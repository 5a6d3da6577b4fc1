import type { ChartRepository, EvaluationRepository } from '../db/index.js';
import type { ObjectStore } from '../storage/index.js';

/** A stored chart image and whose evaluation it belongs to, for serving it over HTTP. */
export interface ChartImage {
  chartId: string;
  bytes: Buffer;
  contentType: 'image/png';
  /** The user of the evaluation the chart was drawn for; undefined when that evaluation is gone. */
  ownerUserId: string | undefined;
}

export interface ChartImages {
  /** The image of a `charts` row, or undefined when there is no such row or its bytes are gone. */
  find(chartId: string): Promise<ChartImage | undefined>;
}

export function createChartImages(deps: {
  store: ObjectStore;
  charts: Pick<ChartRepository, 'getChart'>;
  evaluations: Pick<EvaluationRepository, 'getEvaluation'>;
}): ChartImages {
  return {
    async find(chartId) {
      const row = await deps.charts.getChart(chartId);
      if (!row) return undefined;
      const bytes = await deps.store.get(row.imageKey);
      if (!bytes) return undefined;
      const evaluation = row.evalId ? await deps.evaluations.getEvaluation(row.evalId) : undefined;
      return { chartId, bytes, contentType: 'image/png', ownerUserId: evaluation?.evaluation.userId };
    },
  };
}
