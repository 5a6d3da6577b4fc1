import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { createChartRepository } from '../../../src/db/index.js';
import { startTestServer } from '../../helpers/app.js';
import { chartWhenSettled, gatedRenderer, type ChartJson } from '../../helpers/chart-status.js';
import { BACKENDS } from '../../helpers/databases.js';

interface EvaluateAnswer {
  evaluationId: string;
  score: number;
  chart: ChartJson;
}

describe.each(BACKENDS)('POST /api/evaluate answers before its chart on $name', (backend) => {
  const gate = gatedRenderer();
  let app: App;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const config = loadConfig({
      DATA_DIR: `/tmp/trading-buddy-test-chart-later-${backend.name}-${process.pid}`,
      LOG_LEVEL: 'silent',
    });
    app = await buildApp(config, pino({ level: 'silent' }), {
      database: await backend.openDemo(),
      chartRenderer: gate.renderer,
    });
    const started = await startTestServer(app);
    base = started.base;
    close = async () => {
      await started.server.close();
      await app.close();
    };
  });
  afterAll(async () => close());

  const evaluate = async (): Promise<EvaluateAnswer> => {
    const res = await fetch(`${base}/api/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: 'http:api:later',
        intent: { symbol: 'TCHA', side: 'long', entry: 600, stop: 570, targets: [680] },
      }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as EvaluateAnswer;
  };
  const journalChartIds = async (evalId: string) =>
    (await app.services.audit.chain(evalId))?.recommendations.map((r) => r['chartId']) ?? [];

  it('when the chart is still drawing, then the report is answered with its chart id as pending, and the chart and its audit links follow', async () => {
    gate.close();
    const answer = await evaluate();
    expect(answer.score).toBeGreaterThan(0);
    expect(answer.chart).toEqual({ chartId: expect.any(String), status: 'pending' });
    const pending = (await (await fetch(`${base}/api/evaluations/${answer.evaluationId}`)).json()) as {
      chart: ChartJson;
    };
    expect(pending.chart).toEqual(answer.chart);
    expect(await createChartRepository(app.database.db).chartsForEvaluation(answer.evaluationId)).toEqual([]);
    expect(await journalChartIds(answer.evaluationId)).toEqual([null, null, null, null]);

    gate.open('draw');
    const ready = await chartWhenSettled(base, answer.evaluationId);
    expect(ready).toMatchObject({ chartId: answer.chart.chartId, status: 'ready' });
    // Over HTTP a stored chart is our route, never the server's file.
    expect(ready.url).toBe(`/api/charts/${ready.chartId}.png`);
    const png = Buffer.from(await (await fetch(`${base}${ready.url ?? ''}`)).arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const rows = await createChartRepository(app.database.db).chartsForEvaluation(answer.evaluationId);
    expect(rows.map((r) => r.chartId)).toEqual([answer.chart.chartId]);
    await expect
      .poll(() => journalChartIds(answer.evaluationId))
      .toEqual(Array(4).fill(answer.chart.chartId));
  });

  it('when the chart cannot be drawn, then the answer stands, the chart reads failed and nothing links to a chart', async () => {
    gate.close();
    const answer = await evaluate();
    expect(answer.chart.status).toBe('pending');
    gate.open('fail');
    expect(await chartWhenSettled(base, answer.evaluationId)).toEqual({
      chartId: answer.chart.chartId,
      status: 'failed',
    });
    expect(await createChartRepository(app.database.db).chartsForEvaluation(answer.evaluationId)).toEqual([]);
    expect(await journalChartIds(answer.evaluationId)).toEqual([null, null, null, null]);
  });
});
