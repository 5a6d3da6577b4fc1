// Market-context figures on the 30 real daily series in ../shared/data/market/daily: features,
// key levels and regime per symbol; the ContextPack build cold (computing snapshots, then reading
// them) and warm; a full evaluation with every evaluator; the snapshot job. Baselines for the
// ratios: computing the features of a series, and the warm ContextPack build.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pino } from 'pino';
import { createSettingsService } from '../src/accounts/index.js';
import { createEvaluationCharts } from '../src/charts/index.js';
import {
  createChartRepository,
  createEvaluationRepository,
  createMarketRepository,
  createSnapshotRepository,
  createRulesRepository,
  createUserRepository,
  openDatabase,
} from '../src/db/index.js';
import {
  EVALUATORS,
  createEvaluationService,
  createRegistry,
  runEvaluators,
  type TradeIntent,
} from '../src/evaluators/index.js';
import { runSnapshotJob } from '../src/jobs/snapshot-job.js';
import { createContextPackBuilder, defaultRules, type ContextPack } from '../src/market/context/index.js';
import { parseOhlcvCsv } from '../src/market/data/index.js';
import { computeFeatures } from '../src/market/features/index.js';
import { computeKeyLevels } from '../src/market/levels/index.js';
import { computeRegime } from '../src/market/regime/index.js';
import { createSnapshotService } from '../src/market/snapshots/index.js';
import type { Bar } from '../src/market/types.js';
import { createLocalObjectStore } from '../src/storage/index.js';
import { printTable, summary, timeIt } from './stats.js';

const DIR = process.env.MARKET_DAILY_DIR ?? join(import.meta.dirname, '../../shared/data/market/daily');
if (!existsSync(DIR)) {
  console.log(`bench:context skipped: no market data in ${DIR}`);
  process.exit(0);
}
const REPS = Number(process.env.BENCH_RUNS ?? 5);
const series = new Map<string, Bar[]>();
for (const file of readdirSync(DIR)
  .filter((f) => f.endsWith('.csv'))
  .sort()) {
  const [bars] = parseOhlcvCsv(readFileSync(join(DIR, file), 'utf8')).bySymbol.values();
  if (bars && bars.length > 0) series.set(basename(file, '.csv'), bars);
}
const symbols = [...series.keys()];

// 1. The pure analysis, per symbol (the whole history of each series).
const features: number[] = [];
const levels: number[] = [];
const regimes: number[] = [];
for (let rep = 0; rep < REPS; rep++) {
  for (const bars of series.values()) {
    let t = performance.now();
    const cols = computeFeatures(bars, { intraday: false });
    features.push(performance.now() - t);
    t = performance.now();
    computeKeyLevels(bars, cols, { timeframe: '1d' });
    levels.push(performance.now() - t);
    t = performance.now();
    computeRegime(bars, cols);
    regimes.push(performance.now() - t);
  }
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / REPS;

// 2. The same bars in a database, read through the builder.
const database = await openDatabase(
  process.env.BENCH_DATABASE_URL
    ? { kind: 'postgres', url: process.env.BENCH_DATABASE_URL }
    : { kind: 'pglite' },
);
const market = createMarketRepository(database.db);
for (const [symbol, bars] of series) {
  await market.ensureTicker({ symbol, name: symbol, assetClass: 'equity', source: 'bench' });
  await market.insertBars(symbol, '1d', bars);
}
const snapshots = createSnapshotService({ market, snapshots: createSnapshotRepository(database.db) });
const user = {
  userId: 'bench',
  equity: 50_000,
  equityIsDefault: true,
  rules: defaultRules({ maxRiskPct: 1, minRewardRisk: 1.5 }),
  rulesVersion: 0,
};
const build = (builder: ReturnType<typeof createContextPackBuilder>, i: number) =>
  builder.build({ symbol: symbols[i % symbols.length] ?? 'AAPL', timeframe: '1d', user });

// The snapshot job first, over every symbol and timeframe, as at bar close; then its idempotent rerun.
const now = Date.UTC(2018, 0, 2);
const jobCold = await runSnapshotJob({ market, snapshots }, { now });
const jobAgain = await runSnapshotJob({ market, snapshots }, { now });

// Cold builds: reading what the job stored, and as of an earlier day that nothing stored yet.
const earlier = Date.UTC(2017, 11, 27, 23);
const coldComputing = await timeIt(symbols.length, (i) =>
  createContextPackBuilder({ market, snapshots }).build({
    symbol: symbols[i] ?? 'AAPL',
    timeframe: '1d',
    user,
    asOf: earlier,
  }),
);
const coldStored = await timeIt(symbols.length * REPS, (i) =>
  build(createContextPackBuilder({ market, snapshots }), i),
);
const coldNoDb = await timeIt(symbols.length, (i) => build(createContextPackBuilder({ market }), i));
const shared = createContextPackBuilder({ market, snapshots });
for (let i = 0; i < symbols.length; i++) await build(shared, i);
const warm = await timeIt(symbols.length * REPS, (i) => build(shared, i));

// 3. A full evaluation: every registered evaluator on a warm pack, long and short at the close.
const registry = createRegistry(EVALUATORS);
const packs: ContextPack[] = [];
for (let i = 0; i < symbols.length; i++) packs.push(await build(shared, i));
const ideaFor = (ctx: ContextPack, i: number): TradeIntent => {
  const close = ctx.primary.lastBar.close;
  const atr = ctx.primary.latest.atr14 ?? close * 0.02;
  const s = i % 2 === 0 ? 1 : -1;
  return {
    symbol: ctx.symbol,
    side: s > 0 ? 'long' : 'short',
    timeframe: '1d',
    entry: close,
    stop: close - s * 1.5 * atr,
    targets: [close + s * 3 * atr],
    orderType: 'limit',
  };
};
const orchestrated = await timeIt(packs.length * 2 * REPS, (i) => {
  const ctx = packs[Math.floor(i / 2) % packs.length] as ContextPack;
  return runEvaluators(registry, ideaFor(ctx, i), ctx, { timeoutMs: 5_000 });
});

// 4. The whole service (pack, six evaluators, DB write), without and with the chart.
await createUserRepository(database.db).ensureUser({ userId: 'bench', platform: 'cli' });
const serviceDeps = {
  builder: shared,
  registry,
  evaluations: createEvaluationRepository(database.db),
  userContext: createSettingsService({
    rules: createRulesRepository(database.db),
    users: createUserRepository(database.db),
    defaults: { equity: 50_000, maxRiskPct: 1, minRewardRisk: 1.5 },
  }).userContext,
  timeoutMs: 5_000,
};
const plain = createEvaluationService(serviceDeps);
const charted = createEvaluationService({
  ...serviceDeps,
  charts: createEvaluationCharts({
    store: createLocalObjectStore({ dir: await mkdtemp(join(tmpdir(), 'bench-charts-')) }),
    charts: createChartRepository(database.db),
    logger: pino({ level: 'silent' }),
  }),
});
const intentAt = (i: number) => ideaFor(packs[i % packs.length] as ContextPack, i);
const service = await timeIt(symbols.length * 2, (i) =>
  plain.evaluate({ intent: intentAt(i), userId: 'bench' }),
);
const serviceChart = await timeIt(symbols.length, (i) =>
  charted.evaluate({ intent: intentAt(i), userId: 'bench' }),
);

const bars = [...series.values()].reduce((n, b) => n + b.length, 0);
console.log(
  `context benchmark: ${symbols.length} symbols, ${bars} daily bars, ${REPS} reps, database ${database.kind}, ${EVALUATORS.length} evaluators`,
);
console.log(
  `pure analysis, all ${symbols.length} symbols per pass: features ${sum(features).toFixed(0)} ms, key levels ${sum(levels).toFixed(0)} ms, regime (with HMM) ${sum(regimes).toFixed(0)} ms`,
);
printTable(
  [
    summary('features, one symbol', features),
    summary('key levels, one symbol', levels),
    summary('regime + HMM fit, one symbol', regimes),
  ],
  'features, one symbol',
);
console.log('');
printTable(
  [
    summary('ContextPack warm (cache hit)', warm),
    summary('ContextPack cold, snapshots stored', coldStored),
    summary('ContextPack cold, snapshots computed+stored', coldComputing),
    summary('ContextPack cold, no snapshot service', coldNoDb),
    summary('six evaluators on a warm pack', orchestrated),
    summary('evaluation service (warm pack, DB write)', service),
    summary('evaluation service + chart PNG stored', serviceChart),
  ],
  'ContextPack warm (cache hit)',
);
console.log(
  `\nsnapshot job, ${jobCold.checked} symbol/timeframes: first run ${jobCold.durationMs} ms (${jobCold.computed.length} computed, ${jobCold.failed.length} failed); rerun ${jobAgain.durationMs} ms (${jobAgain.computed.length} computed, ${jobAgain.fresh} fresh)`,
);
await database.close();
