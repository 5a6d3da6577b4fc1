// Market data ingestion figures (issue 16), on in-memory PGlite and, with BENCH_DATABASE_URL, on
// Postgres: bars stored per second by a plain insert of the same bars (the CSV import path, the
// baseline), by ingestion from the local Yahoo chart server (HTTP through yahoo-finance2, mapping,
// split check, insert), and the latency a first-mention back-fill adds to building a ContextPack
// (a stored symbol vs one back-filled on the spot: 2 years of 1d and 30 days of 15m bars).
import { createMarketRepository, openDatabase } from '../src/db/index.js';
import { createContextPackBuilder, defaultRules } from '../src/market/context/index.js';
import { createBarsRefresher, createIngestor } from '../src/market/ingest/index.js';
import { createYahooProvider } from '../src/market/providers/index.js';
import { MarketFixture } from '../test/helpers/providers/market-fixture.js';
import { startYahooServer } from '../test/helpers/providers/yahoo-server.js';
import { printTable, summary, timeIt } from './stats.js';

const NOW = Date.parse('2026-12-07T20:00:00Z');
const SYMBOLS = Number(process.env.BENCH_SYMBOLS ?? 10);
const REPS = Number(process.env.BENCH_RUNS ?? 5);
const fixture = new MarketFixture(() => NOW);
const server = await startYahooServer(fixture);
const provider = createYahooProvider({ baseUrl: server.url });
const settings = { backfillDays: 730, intraday: ['15m' as const], intradayBackfillDays: 30 };
const user = {
  userId: 'bench',
  equity: 50_000,
  equityIsDefault: true,
  rules: defaultRules({ maxRiskPct: 1, minRewardRisk: 1.5 }),
  rulesVersion: 0,
};

const backends: { name: string; url?: string }[] = [{ name: 'pglite' }];
if (process.env.BENCH_DATABASE_URL) backends.push({ name: 'postgres', url: process.env.BENCH_DATABASE_URL });

for (const backend of backends) {
  const database = await openDatabase(
    backend.url ? { kind: 'postgres', url: backend.url } : { kind: 'pglite' },
  );
  const market = createMarketRepository(database.db);
  const tag = `${backend.name}-${Date.now().toString(36)}`;

  // Baseline: the same provider bars inserted directly, as a CSV import does.
  let plainBars = 0;
  const plainStart = performance.now();
  for (let i = 0; i < SYMBOLS; i++) {
    const symbol = `P${i}${tag}`.slice(0, 12).toUpperCase();
    await market.ensureTicker({ symbol, name: symbol, assetClass: 'equity', source: 'bench' });
    for (const tf of ['1d', '15m'] as const) {
      const bars = fixture.bars(`S${i}`, tf, NOW - (tf === '1d' ? 730 : 30) * 86_400_000, NOW);
      plainBars += await market.insertBars(symbol, tf, bars);
    }
  }
  const plainMs = performance.now() - plainStart;

  // Ingestion from the local provider server.
  const ingestor = createIngestor({ market, provider, settings, now: () => NOW });
  let ingested = 0;
  const ingestStart = performance.now();
  for (let i = 0; i < SYMBOLS; i++) {
    const report = await ingestor.ingest(`I${i}${tag}`.slice(0, 12));
    ingested += report.outcomes.reduce((n, o) => n + o.added, 0);
  }
  const ingestMs = performance.now() - ingestStart;
  console.log(`\n[${backend.name}] ${SYMBOLS} symbols, 2 years of 1d + 30 days of 15m each`);
  console.log(
    `  plain insert (baseline): ${plainBars} bars in ${plainMs.toFixed(0)} ms = ${Math.round(plainBars / (plainMs / 1000)).toLocaleString('en-US')} bars/s`,
  );
  console.log(
    `  ingest from provider:    ${ingested} bars in ${ingestMs.toFixed(0)} ms = ${Math.round(ingested / (ingestMs / 1000)).toLocaleString('en-US')} bars/s (${(ingestMs / plainMs).toFixed(2)}x the baseline's time)`,
  );

  // First-mention latency: a build on a stored symbol vs one that back-fills first.
  const refreshBars = createBarsRefresher({ market, ingestor });
  const builder = createContextPackBuilder({ market, refreshBars, now: () => NOW, cacheSize: 0 });
  const stored = `I0${tag}`.slice(0, 12).toUpperCase();
  const warm = await timeIt(REPS, () => builder.build({ symbol: stored, timeframe: '1d', user }));
  const first = await timeIt(REPS, (i) =>
    builder.build({ symbol: `F${i}${tag}`.slice(0, 12), timeframe: '1d', user }),
  );
  printTable(
    [summary('build, bars stored', warm), summary('build, first-mention back-fill', first)],
    'build, bars stored',
  );
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `  added latency of a first-mention back-fill (p50): ${(sorted(first) - sorted(warm)).toFixed(0)} ms`,
  );
  await database.close();
}
await server.close();
