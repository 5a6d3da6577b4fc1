import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluationCharts, evaluationChartSpec, parseCandleChartSpec } from '../../src/charts/index.js';
import {
  createChartRepository,
  createEvaluationRepository,
  createUserRepository,
  type Database,
} from '../../src/db/index.js';
import { namedLevels } from '../../src/evaluators/level-facts.js';
import { createLocalObjectStore } from '../../src/storage/index.js';
import { contextPack, intentOf, randomWalkBars } from '../helpers/context.js';
import { openPglite } from '../helpers/databases.js';
import { pngSize } from './fixtures.js';

const bars = randomWalkBars({ count: 400, seed: 21 });
const ctx = contextPack({ bars });
const close = ctx.primary.lastBar.close;
const intent = intentOf({ entry: close, stop: close * 0.96, targets: [close * 1.05, close * 1.09] });

describe('evaluation chart spec', () => {
  const { spec, indicators, levels } = evaluationChartSpec({ intent, context: ctx, score: 72 });
  const valid = parseCandleChartSpec(spec);

  it('when built from a ContextPack, then it shows the last 160 bars with EMAs aligned to them', () => {
    expect(valid.bars).toEqual(bars.slice(-160));
    expect(valid.overlays.map((o) => o.name)).toEqual(['EMA 20', 'EMA 50', 'EMA 200']);
    for (const o of valid.overlays) expect(o.values).toHaveLength(160);
    expect(valid.overlays[0]?.values.at(-1)).toBeCloseTo(ctx.primary.latest.ema20 ?? 0, 9);
    expect(indicators).toEqual(['volume', 'EMA 20', 'EMA 50', 'EMA 200']);
  });

  it('when the idea has two targets, then entry, stop, T1 and T2 are drawn', () => {
    expect(valid.lines.map((l) => `${l.label} ${l.price.toFixed(2)}`)).toEqual([
      `Entry ${close.toFixed(2)}`,
      `Stop ${(close * 0.96).toFixed(2)}`,
      `T1 ${(close * 1.05).toFixed(2)}`,
      `T2 ${(close * 1.09).toFixed(2)}`,
    ]);
  });

  it('when levels are labelled, then the 8 significant ones nearest the price are drawn, named like the report names them', () => {
    const significant = namedLevels(ctx.levels).filter((l) => l.significance >= 30);
    const nearest = [...significant]
      .sort((a, b) => Math.abs(a.price - close) - Math.abs(b.price - close))
      .slice(0, 8);
    expect(significant.length).toBeGreaterThan(8);
    expect(valid.levels.map((l) => l.price).sort()).toEqual(nearest.map((l) => l.price).sort());
    expect(levels.map((l) => l.label).sort()).toEqual(nearest.map((l) => l.name).sort());
  });

  it('when the regime is known, then the badge carries its label and the title the score and MTFA', () => {
    expect(valid.badge?.text).toBe(ctx.regime.label);
    expect(valid.title).toMatch(new RegExp(`^long @ ${close} · score 72/100 · timeframes agree \\d+/100`));
  });
});

describe('evaluation chart storage', () => {
  let database: Database;
  let evalId: string;
  const logged: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _enc, done) {
        logged.push(String(chunk));
        done();
      },
    }),
  );

  beforeAll(async () => {
    database = await openPglite();
    await createUserRepository(database.db).ensureUser({ userId: 'cli:local:c', platform: 'cli' });
    ({ evalId } = await createEvaluationRepository(database.db).saveEvaluated(
      { userId: 'cli:local:c', symbol: 'TEST', side: 'long', timeframe: '1d', proposedEntry: close },
      {
        userId: 'cli:local:c',
        symbol: 'TEST',
        timeframe: '1d',
        evalTs: new Date(ctx.asOf),
        overallScore: 72,
        overallSeverity: 'medium',
        modulesRun: [],
        summary: {},
        contextFacts: {},
        configVersion: 'v1',
      },
      [],
    ));
  });
  afterAll(() => database.close());

  it('when rendering works, then the PNG is stored under the evaluation, the row links it, and the path is local', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tb-charts-'));
    const charts = createEvaluationCharts({
      store: createLocalObjectStore({ dir }),
      charts: createChartRepository(database.db),
      logger,
    });
    const chart = await charts.forEvaluation({ evalId, intent, context: ctx, score: 72 });
    if (!chart?.path) throw new Error('no chart');
    expect(chart.key).toBe(`TEST/1d/${new Date(ctx.asOf).toISOString().slice(0, 10)}/${evalId}.png`);
    expect(chart.path).toBe(join(dir, chart.key));
    expect(pngSize(await readFile(chart.path))).toEqual({ width: 1200, height: 700 });
    const [row] = await createChartRepository(database.db).chartsForEvaluation(evalId);
    expect(row).toMatchObject({
      chartId: chart.chartId,
      imageKey: chart.key,
      imageUrl: chart.url,
      dataPoints: 160,
      lastPrice: close,
      chartType: 'candlestick',
    });
    expect(row?.indicatorsApplied).toMatchObject({
      indicators: ['volume', 'EMA 20', 'EMA 50', 'EMA 200'],
      regime: ctx.regime.label,
      bars: 160,
    });
  });

  it('when the store cannot write, then there is no chart, nothing thrown, and the failure is logged', async () => {
    const blocker = join(await mkdtemp(join(tmpdir(), 'tb-charts-')), 'a-file');
    await writeFile(blocker, 'not a folder');
    const charts = createEvaluationCharts({
      store: createLocalObjectStore({ dir: blocker }),
      charts: createChartRepository(database.db),
      logger,
    });
    const before = (await createChartRepository(database.db).chartsForEvaluation(evalId)).length;
    await expect(charts.forEvaluation({ evalId, intent, context: ctx })).resolves.toBeUndefined();
    expect(logged.some((line) => line.includes('evaluation chart failed') && line.includes(evalId))).toBe(
      true,
    );
    expect(await createChartRepository(database.db).chartsForEvaluation(evalId)).toHaveLength(before);
  });
});
