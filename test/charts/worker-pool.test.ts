import { afterAll, describe, expect, it } from 'vitest';
import { createChartWorkerPool, defaultChartWorkers, renderCandleChart } from '../../src/charts/index.js';
import { isAppError } from '../../src/errors.js';
import { fullSpec, randomWalkBars } from './fixtures.js';

const spec = fullSpec(randomWalkBars(220, 7));

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the render to fail');
}

describe('chart worker pool', () => {
  const pool = createChartWorkerPool({ threads: 1, maxQueue: 1 });
  afterAll(() => pool.close());

  it('when a chart is drawn in a worker, then its PNG bytes equal the in-process renderer', async () => {
    const [inWorker, inProcess] = await Promise.all([pool.render(spec), renderCandleChart(spec)]);
    expect(inWorker.subarray(0, 4).toString('latin1')).toBe('\x89PNG');
    expect(inWorker.equals(inProcess)).toBe(true);
  });

  it('when the spec is invalid, then that chart fails with the spec problems and the pool goes on', async () => {
    const error = await failureOf(pool.render({ ...spec, bars: spec.bars.slice(0, 1) }));
    expect(isAppError(error) && error.code).toBe('chart-render-failed');
    expect((error as Error).message).toContain('at least 2 bars');
    expect((await pool.render(spec)).equals(await renderCandleChart(spec))).toBe(true);
  });

  it('when the worker dies mid-chart, then that chart fails cleanly and the next one is drawn by a new worker', async () => {
    const rendering = pool.render(spec);
    const [worker] = pool.workers();
    if (!worker) throw new Error('no worker thread is running');
    await worker.terminate();
    const error = await failureOf(rendering);
    expect(isAppError(error) && error.code).toBe('chart-render-failed');
    expect((await pool.render(spec)).equals(await renderCandleChart(spec))).toBe(true);
  });

  it('when more charts wait than the queue holds, then the extra ones fail at once and the others are drawn', async () => {
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => pool.render(spec)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    const refused = results[2];
    expect(refused?.status === 'rejected' && isAppError(refused.reason) && refused.reason.code).toBe(
      'chart-render-failed',
    );
  });

  it.each([
    [1, 1],
    [2, 1],
    [8, 7],
  ])('when the machine has %i cores, then the pool has %i workers', (cores, workers) => {
    expect(defaultChartWorkers(cores)).toBe(workers);
  });
});
