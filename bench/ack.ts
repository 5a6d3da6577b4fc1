// Slack acknowledgement latency: signed slash commands through the real Bolt app on the
// service's HTTP server while the answer path is slow (an LLM-like delay, then the real
// evaluation). Commands arrive at a steady rate (open loop), so new ones keep coming while
// earlier answers are being worked out. Slack wants the ack within 3 s whatever the answer
// costs. Baseline for the ratios: the same arrivals when the answer is the quick help flow.
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import type { Conversation } from '../src/bot/conversation/index.js';
import { loadConfig } from '../src/config.js';
import { startSlackHarness, type SlackHarness } from '../test/helpers/slack-harness.js';
import { percentile } from './stats.js';

const COMMANDS = Number(process.env.BENCH_ACKS ?? 500);
const RATE = Number(process.env.BENCH_ACK_RATE ?? 10);
const LIMIT = Number(process.env.BENCH_ACK_LIMIT ?? 8);
const SLOW_MS = Number(process.env.BENCH_SLOW_MS ?? 2_000);

const config = loadConfig({ DATA_DIR: '/tmp/trading-buddy-bench', LOG_LEVEL: 'silent' });
const app = await buildApp({ ...config, database: { kind: 'pglite', dir: '' } }, pino({ level: 'silent' }));
const ideas = [
  'long SPX 2870 stop 2790 target 3050',
  'short TCHA 600 stop 630 target 520 risk 1%',
  'long FINA 40 stop 38 target 44',
];
const slowConversation: Conversation = {
  async handle(inbound) {
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    return app.conversation.handle(inbound);
  },
};

interface Run {
  name: string;
  samples: number[];
  failed: number;
  ackedAllMs: number;
  answeredAllMs: number;
  answered: number;
}

/** Sends the commands at RATE per second regardless of answers, timing each until Slack would have its ack; then waits for the answers. */
async function run(
  name: string,
  h: SlackHarness,
  command: string,
  text: (i: number) => string,
  tag: string,
): Promise<Run> {
  const samples: number[] = [];
  let failed = 0;
  const started = performance.now();
  const one = async (i: number) => {
    const t0 = performance.now();
    try {
      const res = await h.slash(command, text(i), {
        channel_id: `C-${tag}-${i}`,
        response_url: h.slack.responseUrl(`${tag}-${i}`),
      });
      await res.arrayBuffer();
      if (res.status === 200) samples.push(performance.now() - t0);
      else failed += 1;
    } catch {
      failed += 1; // connection reset: the server could not even read the request in time
    }
  };
  const sent: Promise<void>[] = [];
  for (let i = 0; i < COMMANDS; i += 1) {
    const due = started + (i * 1000) / RATE;
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    sent.push(one(i));
  }
  await Promise.all(sent);
  const ackedAllMs = performance.now() - started;
  const answered = () => h.slack.of('response').filter((c) => c.path.startsWith(`response/${tag}-`)).length;
  // An answer that cannot be posted is logged (stderr); stop waiting once nothing has arrived for a minute.
  let last = answered();
  let lastChange = Date.now();
  while (answered() < COMMANDS - failed && Date.now() - lastChange < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (answered() !== last) [last, lastChange] = [answered(), Date.now()];
  }
  console.error(`${name}: ${samples.length} acked, ${failed} failed, ${answered()} answered`);
  return {
    name,
    samples,
    failed,
    ackedAllMs,
    answeredAllMs: performance.now() - started,
    answered: answered(),
  };
}

const runs: Run[] = [];
const logger = pino({ level: 'warn' }, pino.destination(2));
const quick = await startSlackHarness(app, { postIntervalMs: 0, maxConcurrentAnswers: LIMIT, logger });
await run('warm-up', quick, '/buddy', () => 'help', 'warm');
runs.push(
  await run(`quick answers (/buddy help), ${LIMIT} at a time`, quick, '/buddy', () => 'help', 'help'),
);
const slow = await startSlackHarness(app, {
  conversation: slowConversation,
  postIntervalMs: 0,
  maxConcurrentAnswers: LIMIT,
  logger,
});
runs.push(
  await run(
    `slow answers (${SLOW_MS} ms + evaluation), ${LIMIT} at a time`,
    slow,
    '/evaluate',
    (i) => ideas[i % ideas.length] ?? '',
    'slow',
  ),
);
const unbounded = await startSlackHarness(app, {
  conversation: slowConversation,
  postIntervalMs: 0,
  maxConcurrentAnswers: 100_000,
  logger,
});
runs.push(
  await run(
    `slow answers (${SLOW_MS} ms + evaluation), unbounded`,
    unbounded,
    '/evaluate',
    (i) => ideas[i % ideas.length] ?? '',
    'unb',
  ),
);

console.log(
  `ack benchmark: ${COMMANDS} signed slash commands per case arriving at ${RATE}/s, Bolt HTTPReceiver on Fastify, PGlite in memory (same thread)`,
);
const width = Math.max(...runs.map((r) => r.name.length));
console.log(
  `${'case'.padEnd(width)}  ${'acked'.padStart(5)}  ${'failed'.padStart(6)}  ${'p50 ms'.padStart(8)}  ${'p95 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}  ${'max ms'.padStart(8)}  ${'>3 s'.padStart(4)}  p95 vs baseline  all answered`,
);
const base = runs[0] ? percentile(runs[0].samples, 95) : Number.NaN;
for (const r of runs) {
  const p = (q: number) => percentile(r.samples, q).toFixed(1).padStart(8);
  console.log(
    `${r.name.padEnd(width)}  ${String(r.samples.length).padStart(5)}  ${String(r.failed).padStart(6)}  ${p(50)}  ${p(95)}  ${p(99)}  ${Math.max(
      ...r.samples,
    )
      .toFixed(1)
      .padStart(
        8,
      )}  ${String(r.samples.filter((s) => s > 3_000).length).padStart(4)}  ${`${(percentile(r.samples, 95) / base).toFixed(2)}x`.padStart(15)}  ${r.answered}/${COMMANDS} after ${(r.answeredAllMs / 1000).toFixed(1)} s`,
  );
}
await Promise.all([quick.close(), slow.close(), unbounded.close()]);
await app.close();
