// Throughput under load: BENCH_LOAD_N concurrent POST /api/evaluate through the real HTTP server,
// with signed Slack slash commands (/buddy help) arriving at BENCH_LOAD_ACK_RATE per second on the
// same server (the Bolt app, talking to the local fake Slack API) while the load runs.
// Per case: evaluations answered per second, answer latency p50/p95/p99, errors, the time until
// each chart is stored (from its request, and after its answer) and the Slack acknowledgement
// latency. Baseline in the same run: the same load with charts drawn on the main thread
// (CHART_WORKERS=0). PGlite in memory always; Postgres when BENCH_DATABASE_URL is set (a
// throwaway database is created on that server and dropped at the end).
import pg from 'pg';
import { pino } from 'pino';
import { buildApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { TradeIntent } from '../src/evaluators/index.js';
import { startSlackHarness } from '../test/helpers/slack-harness.js';
import { percentile } from './stats.js';

const N = Number(process.env.BENCH_LOAD_N ?? 200);
const ACK_RATE = Number(process.env.BENCH_LOAD_ACK_RATE ?? 10);
const PG_URL = process.env.BENCH_DATABASE_URL;

/**
 * Every request of the benchmark takes its headers from here: when the API asks for a bearer
 * token, add `authorization: Bearer ...` in this one place.
 */
export function requestHeaders(): Record<string, string> {
  return { 'content-type': 'application/json' };
}

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
  {
    symbol: 'FINA',
    side: 'long',
    timeframe: '1d',
    entry: 26.3,
    stop: 25.2,
    targets: [28.5],
    orderType: 'limit',
  },
];
const intentAt = (i: number): TradeIntent => {
  const base = intents[i % intents.length] as TradeIntent;
  return { ...base, entry: base.entry * (1 + (i % 7) / 1000), targets: [...base.targets] };
};

interface CaseResult {
  name: string;
  wallS: number;
  answered: number;
  errors: number;
  latency: number[];
  chartFromRequest: number[];
  chartAfterAnswer: number[];
  chartsFailed: number;
  chartsMissing: number;
  acks: number[];
  ackErrors: number;
}

async function runCase(name: string, app: App): Promise<CaseResult> {
  const harness = await startSlackHarness(app, { postIntervalMs: 0 });
  const base = harness.url.replace(/\/slack\/events$/, '');
  const post = (i: number, userId: string) =>
    fetch(`${base}/api/evaluate`, {
      method: 'POST',
      headers: requestHeaders(),
      body: JSON.stringify({ userId, intent: intentAt(i) }),
    });
  // The chart's own promise, not polling: a poll loop per evaluation would cost the event loop it measures.
  const chartReady = async (evalId: string): Promise<'ready' | 'failed' | 'missing'> => {
    const chart = await app.services.evaluation.chartSettled(evalId);
    if (chart) return 'ready';
    return (await app.services.evaluation.chartStatus(evalId))?.status === 'failed' ? 'failed' : 'missing';
  };
  // Warm-up: worker threads started, ContextPacks cached, first queries planned.
  for (let i = 0; i < 6; i++) {
    const body = (await (await post(i, 'http:bench:warm')).json()) as { evaluationId: string };
    await chartReady(body.evaluationId);
  }

  const result: CaseResult = {
    name,
    wallS: 0,
    answered: 0,
    errors: 0,
    latency: [],
    chartFromRequest: [],
    chartAfterAnswer: [],
    chartsFailed: 0,
    chartsMissing: 0,
    acks: [],
    ackErrors: 0,
  };
  let loadRunning = true;
  const acking = (async () => {
    const sent: Promise<void>[] = [];
    for (let i = 0; loadRunning; i++) {
      const t0 = performance.now();
      sent.push(
        harness
          .slash('/buddy', 'help', {
            channel_id: `C-load-${i}`,
            response_url: harness.slack.responseUrl(`load-${name}-${i}`),
          })
          .then(async (res) => {
            await res.arrayBuffer();
            if (res.status === 200) result.acks.push(performance.now() - t0);
            else result.ackErrors += 1;
          })
          .catch(() => {
            result.ackErrors += 1;
          }),
      );
      await new Promise((resolve) => setTimeout(resolve, 1000 / ACK_RATE));
    }
    await Promise.all(sent);
  })();

  const started = performance.now();
  const charts: Promise<void>[] = [];
  await Promise.all(
    Array.from({ length: N }, async (_, i) => {
      const t0 = performance.now();
      try {
        const res = await post(i, `http:bench:load-${i % 20}`);
        const body = (await res.json()) as { evaluationId?: string };
        const answeredAt = performance.now();
        if (res.status !== 200 || !body.evaluationId) {
          result.errors += 1;
          return;
        }
        result.answered += 1;
        result.latency.push(answeredAt - t0);
        const evalId = body.evaluationId;
        charts.push(
          chartReady(evalId).then((status) => {
            const now = performance.now();
            if (status === 'ready') {
              result.chartFromRequest.push(now - t0);
              result.chartAfterAnswer.push(now - answeredAt);
            } else if (status === 'failed') result.chartsFailed += 1;
            else result.chartsMissing += 1;
          }),
        );
      } catch {
        result.errors += 1;
      }
    }),
  );
  result.wallS = (performance.now() - started) / 1000;
  await Promise.all(charts);
  loadRunning = false;
  await acking;
  await harness.close();
  return result;
}

async function appFor(database: 'pglite' | string, chartWorkers: string | undefined): Promise<App> {
  const config = loadConfig({
    DATA_DIR: '/tmp/trading-buddy-bench-load',
    LOG_LEVEL: 'silent',
    // One caller sends all 200: the per-user budget would turn most of them into 429s.
    RATE_LIMIT_PER_MINUTE: '100000',
    ...(chartWorkers === undefined ? {} : { CHART_WORKERS: chartWorkers }),
    ...(database === 'pglite' ? {} : { DATABASE_URL: database }),
  });
  const app = await buildApp(
    database === 'pglite' ? { ...config, database: { kind: 'pglite', dir: '' } } : config,
    pino({ level: 'silent' }),
  );
  await app.knowledge.synced();
  return app;
}

async function withServerDatabase<T>(url: string, fn: (dbUrl: string) => Promise<T>): Promise<T> {
  const name = `tb_bench_load_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  try {
    return await fn(target.toString());
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

const backends: Array<{ label: string; run: (fn: (db: string) => Promise<void>) => Promise<void> }> = [
  { label: 'PGlite (in memory)', run: (fn) => fn('pglite') },
  ...(PG_URL
    ? [
        {
          label: 'Postgres server',
          run: (fn: (db: string) => Promise<void>) => withServerDatabase(PG_URL, fn),
        },
      ]
    : []),
];

const fmt = (v: number, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const table: string[] = [];
for (const backend of backends) {
  await backend.run(async (db) => {
    const results: CaseResult[] = [];
    for (const [name, workers] of [
      ['baseline: charts on the main thread', '0'],
      ['charts in the worker pool', undefined],
    ] as const) {
      const app = await appFor(db, workers);
      results.push(await runCase(name, app));
      await app.close();
      console.error(`${backend.label}: ${name} done`);
    }
    const baseline = results[0] as CaseResult;
    table.push(
      `\n${backend.label}: ${N} concurrent POST /api/evaluate, /buddy help at ${ACK_RATE}/s during the load`,
    );
    table.push(
      [
        'case'.padEnd(36),
        'eval/s',
        'x base',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'errors',
        'chart p50/p95/max ms after answer',
        'charts failed',
        'ack p50/p99 ms',
        'ack p99 x base',
      ].join('  '),
    );
    for (const r of results) {
      const rate = r.answered / r.wallS;
      const baseRate = baseline.answered / baseline.wallS;
      table.push(
        [
          r.name.padEnd(36),
          fmt(rate, 1).padStart(6),
          `${fmt(rate / baseRate, 2)}x`.padStart(6),
          fmt(percentile(r.latency, 50)).padStart(6),
          fmt(percentile(r.latency, 95)).padStart(6),
          fmt(percentile(r.latency, 99)).padStart(6),
          String(r.errors).padStart(6),
          `${fmt(percentile(r.chartAfterAnswer, 50))}/${fmt(percentile(r.chartAfterAnswer, 95))}/${fmt(Math.max(...r.chartAfterAnswer))} (from request p95 ${fmt(percentile(r.chartFromRequest, 95))})`.padEnd(
            34,
          ),
          `${r.chartsFailed + r.chartsMissing}`.padStart(13),
          `${fmt(percentile(r.acks, 50), 1)}/${fmt(percentile(r.acks, 99), 1)} (n=${r.acks.length}, err ${r.ackErrors})`.padStart(
            14,
          ),
          `${fmt(percentile(r.acks, 99) / percentile(baseline.acks, 99), 2)}x`.padStart(14),
        ].join('  '),
      );
    }
  });
}
console.log(
  `load benchmark: ${N} concurrent evaluations (4 agents by rules, chart PNG) through the real HTTP server, Slack acks on the same server`,
);
for (const line of table) console.log(line);
