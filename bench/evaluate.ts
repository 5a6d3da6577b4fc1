// Evaluation latency on the demo data: in-process and through HTTP, with a cold and a warm
// ContextPack. Baseline for the ratios: the warm in-process evaluation (the six evaluators and the
// database write). The HTTP cases add the four agents, the chart PNG and the guardrails.
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { createHttpServer } from '../src/bot/http/index.js';
import { loadConfig } from '../src/config.js';
import { createEvaluationRepository, createMarketRepository } from '../src/db/index.js';
import {
  createEvaluationService,
  createRegistry,
  EVALUATORS,
  type TradeIntent,
} from '../src/evaluators/index.js';
import { createContextPackBuilder } from '../src/market/context/index.js';
import { printTable, summary, timeIt } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const url = process.env.BENCH_DATABASE_URL;
const config = loadConfig({
  DATA_DIR: '/tmp/trading-buddy-bench',
  LOG_LEVEL: 'silent',
  ...(url ? { DATABASE_URL: url } : {}),
});
// Benchmarks use an in-memory PGlite unless BENCH_DATABASE_URL points at a Postgres server.
const app = await buildApp(
  url ? config : { ...config, database: { kind: 'pglite', dir: '' } },
  pino({ level: 'silent' }),
);
const { db } = app.database;
const intents: TradeIntent[] = [
  {
    symbol: 'SPX',
    side: 'long',
    timeframe: '1d',
    entry: 2870,
    stop: 2790,
    targets: [3050],
    orderType: 'limit',
  },
  {
    symbol: 'TCHA',
    side: 'short',
    timeframe: '1d',
    entry: 600,
    stop: 630,
    targets: [520],
    orderType: 'limit',
    size: { kind: 'risk-pct', value: 1 },
  },
  { symbol: 'FINA', side: 'long', timeframe: '1w', entry: 40, stop: 36, targets: [48], orderType: 'limit' },
];
const userId = 'bench:local:trader';
await app.services.users.ensureUser({ userId, platform: 'cli' });

const serviceWith = (builder = createContextPackBuilder({ market: createMarketRepository(db) })) =>
  createEvaluationService({
    builder,
    registry: createRegistry(EVALUATORS),
    evaluations: createEvaluationRepository(db),
    userContext: app.services.settings.userContext,
    timeoutMs: config.evaluatorTimeoutMs,
  });

const warm = serviceWith();
for (const intent of intents) await warm.evaluate({ intent, userId });
const pick = (i: number) => intents[i % intents.length] as TradeIntent;

const coldInProcess = await timeIt(RUNS, (i) => serviceWith().evaluate({ intent: pick(i), userId }));
const warmInProcess = await timeIt(RUNS, (i) => warm.evaluate({ intent: pick(i), userId }));

const server = createHttpServer({
  conversation: app.conversation,
  services: app.services,
  logger: pino({ level: 'silent' }),
  databaseKind: app.database.kind,
});
await server.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
const post = (intent: TradeIntent) =>
  fetch(`${base}/api/evaluate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, intent }),
  }).then((r) => r.json());
for (const intent of intents) await post(intent);
const warmHttp = await timeIt(RUNS, (i) => post(pick(i)));
const chatHttp = await timeIt(RUNS, (i) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'bench', text: `long SPX ${2800 + (i % 50)} stop 2700 target 3050` }),
  }).then((r) => r.json()),
);

console.log(
  `evaluate benchmark: ${RUNS} runs per case, database ${app.database.kind}, ${EVALUATORS.length} evaluators, intents ${intents.map((i) => `${i.symbol}/${i.timeframe}`).join(', ')}`,
);
printTable(
  [
    summary('in-process, warm ContextPack', warmInProcess),
    summary('in-process, cold ContextPack', coldInProcess),
    summary('HTTP /api/evaluate (+ agents, chart PNG), warm', warmHttp),
    summary('HTTP /api/messages (parse, guard, evaluate, agents, chart)', chatHttp),
  ],
  'in-process, warm ContextPack',
);
await server.close();
await app.close();
