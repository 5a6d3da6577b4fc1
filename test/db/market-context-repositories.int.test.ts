import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createChartRepository,
  createEvaluationRepository,
  createMarketRepository,
  createSnapshotRepository,
  createUserRepository,
  type Database,
  type SnapshotRepository,
} from '../../src/db/index.js';
import { computeFeatures } from '../../src/market/features/index.js';
import {
  computeMarketState,
  keyLevelsFromRow,
  keyLevelsToRow,
  regimeFromRow,
  regimeToRow,
} from '../../src/market/snapshots/index.js';
import { randomWalkBars } from '../helpers/context.js';
import { BACKENDS } from '../helpers/databases.js';

const bars = randomWalkBars({ count: 400, seed: 11 });
const state = computeMarketState('1d', bars, computeFeatures(bars, { intraday: false }));
const lastTs = bars.at(-1)?.ts ?? 0;
const key = { symbol: 'TEST', timeframe: '1d', version: state.levels.version };

describe.each(BACKENDS)('market context repositories on $name', (backend) => {
  let database: Database;
  let repo: SnapshotRepository;

  beforeAll(async () => {
    database = await backend.open();
    repo = createSnapshotRepository(database.db);
    await createMarketRepository(database.db).ensureTicker({
      symbol: 'TEST',
      name: 'Test',
      assetClass: 'equity',
      source: 'test',
    });
  });
  afterAll(() => database.close());

  it('when key levels are stored and read back at their ts, then they equal what was computed', async () => {
    await repo.saveKeyLevels(keyLevelsToRow('TEST', '1d', lastTs, state.levels));
    const row = await repo.keyLevelsAt(key, lastTs);
    if (!row) throw new Error('no row');
    expect(keyLevelsFromRow(row)).toEqual(state.levels);
    expect(row).toMatchObject({
      priorDayHigh: state.levels.priorBar?.high,
      rollingRangeLow: state.levels.rollingRange?.low,
      // Version 2 (issue 13) adds the rolling 20/60/250-bar extremes.
      version: 2,
      rollingExtremes: state.levels.extremes,
    });
  });

  it('when a regime snapshot is stored and read back, then it equals what was computed, HMM included', async () => {
    await repo.saveRegime(regimeToRow('TEST', '1d', lastTs, state.regime));
    const row = await repo.regimeAt({ ...key, version: state.regime.version }, lastTs);
    if (!row) throw new Error('no row');
    expect(regimeFromRow(row)).toEqual(state.regime);
    expect(row.hmmProbs).toEqual(state.regime.hmm?.states.map((s) => s.prob));
    expect(row.transitionRisk).toBe(state.regime.hmm?.transitionRisk);
  });

  it('when the same symbol, timeframe, ts and version are saved again, then the row is replaced, not duplicated', async () => {
    const first = await repo.keyLevelsAt(key, lastTs);
    const changed = { ...state.levels, lastClose: 1 };
    await repo.saveKeyLevels(keyLevelsToRow('TEST', '1d', lastTs, changed));
    const second = await repo.keyLevelsAt(key, lastTs);
    expect(second?.lastClose).toBe(1);
    expect(second?.computedAt.getTime()).toBeGreaterThanOrEqual(first?.computedAt.getTime() ?? Infinity);
    const rows = await database.db.query.keyLevels.findMany({ where: (t, { eq }) => eq(t.symbol, 'TEST') });
    expect(rows).toHaveLength(1);
  });

  it('when another version is stored at the same ts, then each version reads its own row', async () => {
    await repo.saveKeyLevels(
      keyLevelsToRow('TEST', '1d', lastTs, { ...state.levels, version: 99, lastClose: 99 }),
    );
    expect((await repo.keyLevelsAt({ ...key, version: 99 }, lastTs))?.lastClose).toBe(99);
    expect((await repo.keyLevelsAt(key, lastTs))?.lastClose).toBe(1);
  });

  it('when asked at or before a later ts, then the latest earlier snapshot comes back; asked exactly, nothing', async () => {
    const later = lastTs + 86_400_000;
    expect(await repo.keyLevelsAt(key, later)).toBeUndefined();
    expect((await repo.keyLevelsAt(key, later, { atOrBefore: true }))?.ts.getTime()).toBe(lastTs);
    expect(
      await repo.regimeAt({ ...key, version: state.regime.version }, lastTs - 1, { atOrBefore: true }),
    ).toBeUndefined();
  });

  it('when a chart is saved for an evaluation, then it is found by the evaluation and by id', async () => {
    const user = 'cli:local:charts';
    await createUserRepository(database.db).ensureUser({ userId: user, platform: 'cli' });
    const { evalId } = await createEvaluationRepository(database.db).saveEvaluated(
      { userId: user, symbol: 'TEST', side: 'long', timeframe: '1d', proposedEntry: 100 },
      {
        userId: user,
        symbol: 'TEST',
        timeframe: '1d',
        evalTs: new Date(lastTs),
        overallScore: 80,
        overallSeverity: 'low',
        modulesRun: [],
        summary: {},
        contextFacts: {},
        configVersion: 'v1',
      },
      [],
    );
    const charts = createChartRepository(database.db);
    const saved = await charts.saveChart({
      evalId,
      symbol: 'TEST',
      timeframe: '1d',
      chartType: 'candlestick',
      imageKey: 'TEST/1d/x.png',
      imageUrl: 'file:///tmp/x.png',
      indicatorsApplied: { indicators: ['EMA 20'] },
      dataPoints: 160,
      lastPrice: 101.5,
    });
    expect(await charts.chartsForEvaluation(evalId)).toEqual([saved]);
    expect(await charts.getChart(saved.chartId)).toMatchObject({
      evalId,
      dataPoints: 160,
      lastPrice: 101.5,
      indicatorsApplied: { indicators: ['EMA 20'] },
    });
    expect((await charts.recentForSymbol('TEST'))[0]?.chartId).toBe(saved.chartId);
  });

  it('when a chart names an evaluation that does not exist, then the foreign key refuses it', async () => {
    const charts = createChartRepository(database.db);
    await expect(
      charts.saveChart({
        evalId: '00000000-0000-4000-8000-000000000000',
        symbol: 'TEST',
        timeframe: '1d',
        chartType: 'candlestick',
        imageKey: 'k',
        imageUrl: 'u',
        indicatorsApplied: {},
        dataPoints: 1,
      }),
    ).rejects.toThrow();
  });

  it('when a snapshot names an unknown ticker, then the foreign key refuses it', async () => {
    await expect(repo.saveKeyLevels(keyLevelsToRow('NOPE', '1d', lastTs, state.levels))).rejects.toThrow();
  });
});
