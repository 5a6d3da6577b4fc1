// Agent latency in rule mode on the demo data: each agent's pure analysis, the four together
// through the runner (retrieval included), and what journaling costs. Baseline for the journal
// ratios: the runner with a journal that stores nothing.
import { pino } from 'pino';
import {
  AGENTS,
  createAgentRunner,
  createDbAgentJournal,
  createMemoryAgentJournal,
  type AgentJournal,
  type AgentRunRequest,
} from '../src/agents/index.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createAuditRepository } from '../src/db/index.js';
import { TradeIntentSchema, type TradeIntent } from '../src/evaluators/index.js';
import { fundamentalsOf } from '../src/market/fundamentals/index.js';
import { newsWindow } from '../src/agents/rules/price-proxies.js';
import { printTable, summary, timeIt } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const url = process.env.BENCH_DATABASE_URL;
const config = loadConfig({
  DATA_DIR: '/tmp/trading-buddy-bench',
  LOG_LEVEL: 'silent',
  ...(url ? { DATABASE_URL: url } : {}),
});
// In-memory PGlite unless BENCH_DATABASE_URL points at a Postgres server.
const app = await buildApp(
  url ? config : { ...config, database: { kind: 'pglite', dir: '' } },
  pino({ level: 'silent' }),
);
const { db } = app.database;
const userId = 'bench:local:agents';
await app.services.users.ensureUser({ userId, platform: 'cli' });

const intents: TradeIntent[] = [
  TradeIntentSchema.parse({ symbol: 'SPX', side: 'long', entry: 2870, stop: 2790, targets: [3050] }),
  TradeIntentSchema.parse({
    symbol: 'TCHA',
    side: 'short',
    entry: 600,
    stop: 630,
    targets: [520],
    size: { kind: 'risk-pct', value: 1 },
  }),
  TradeIntentSchema.parse({ symbol: 'FINA', side: 'long', entry: 40, stop: 37, targets: [46] }),
];
const user = await app.services.evaluation.userContext(userId);
const requests: AgentRunRequest[] = [];
for (const intent of intents) {
  const ctx = await app.services.evaluation.evaluate({ intent, userId }).then((o) => o.context);
  requests.push({ intent, ctx: { ...ctx, user }, evalId: null, userId });
}
const pick = (i: number) => requests[i % requests.length] as AgentRunRequest;

// Inputs loaded once, so the per-agent rows time the analysis alone.
const { news, fundamentals } = app.services.agents;
const inputs = await Promise.all(
  requests.map(async (r) => ({
    intent: r.intent,
    ctx: r.ctx,
    chunks: [],
    news: await news.forSymbol(r.ctx.symbol, newsWindow(r.ctx.asOf)),
    fundamentals: await fundamentalsOf(fundamentals, r.ctx.symbol),
  })),
);
const perAgent = [];
for (const agent of AGENTS) {
  for (let i = 0; i < 20; i++) agent.analyse(inputs[i % inputs.length] as (typeof inputs)[number]);
  const samples = await timeIt(RUNS, async (i) =>
    agent.analyse(inputs[i % inputs.length] as (typeof inputs)[number]),
  );
  perAgent.push(summary(`${agent.id}: analyse (pure rules)`, samples));
}

const sources = {
  news: { forSymbol: (s: string, w: { from: number; to: number }) => news.forSymbol(s, w) },
  fundamentals: { get: (s: string) => fundamentalsOf(fundamentals, s) },
};
const nothing: AgentJournal = { record: async () => ({ id: 'none' }) };
const runnerWith = (journal: AgentJournal, retrieval: boolean) =>
  createAgentRunner({
    agents: AGENTS,
    journal,
    timeoutMs: 5_000,
    ...sources,
    ...(retrieval ? { retriever: app.knowledge.retriever } : {}),
  });

const cases: [string, AgentJournal, boolean][] = [
  ['4 agents, no retrieval, no journal', nothing, false],
  ['4 agents, no retrieval, memory journal', createMemoryAgentJournal(), false],
  [
    `4 agents, no retrieval, ${app.database.kind} journal`,
    createDbAgentJournal(createAuditRepository(db)),
    false,
  ],
  ['4 agents + retrieval, no journal', nothing, true],
  [
    `4 agents + retrieval, ${app.database.kind} journal`,
    createDbAgentJournal(createAuditRepository(db)),
    true,
  ],
];
const runnerRows = [];
for (const [name, journal, retrieval] of cases) {
  const runner = runnerWith(journal, retrieval);
  // Warm-up: JIT, the PGlite page cache and the context's lazily computed parts.
  for (let i = 0; i < 20; i++) await runner.run(pick(i));
  runnerRows.push(summary(name, await timeIt(RUNS, (i) => runner.run(pick(i)))));
}

console.log(
  `agents benchmark: ${RUNS} runs per case, database ${app.database.kind}, intents ${intents.map((i) => `${i.symbol}/${i.timeframe}`).join(', ')}`,
);
printTable(perAgent);
console.log('');
printTable(runnerRows, '4 agents, no retrieval, no journal');
await app.close();
