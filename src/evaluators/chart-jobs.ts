export type ChartStatus = 'pending' | 'ready' | 'failed';

export interface ChartState<C> {
  chartId: string;
  status: ChartStatus;
  chart?: C;
  /** While pending: resolves with the chart once stored, undefined when it failed. */
  settled?: Promise<C | undefined>;
}

/**
 * Charts rendering in the background for this process, by evaluation id, so an answer that
 * went out before its chart can be asked later. Bounded: the oldest settled entries go first;
 * a forgotten one is still found in the `charts` table once stored.
 */
export function createChartJobs<C>(limit = 10_000) {
  const jobs = new Map<string, ChartState<C>>();
  const trim = () => {
    for (const [evalId, state] of jobs) {
      if (jobs.size <= limit) return;
      if (state.status !== 'pending') jobs.delete(evalId);
    }
  };
  return {
    pending(evalId: string, chartId: string, settled: Promise<C | undefined>): void {
      // A chart that settles first (it failed at once) keeps its final state.
      if (!jobs.has(evalId)) jobs.set(evalId, { chartId, status: 'pending', settled });
      trim();
    },
    settle(evalId: string, chartId: string, chart: C | undefined): void {
      jobs.set(evalId, chart ? { chartId, status: 'ready', chart } : { chartId, status: 'failed' });
    },
    get(evalId: string): ChartState<C> | undefined {
      return jobs.get(evalId);
    },
  };
}

export type ChartJobs<C> = ReturnType<typeof createChartJobs<C>>;
