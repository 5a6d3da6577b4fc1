// Brainstorm latency per turn through the real conversation core: a vague idea talked into a
// plan, evaluated and saved. Baseline for the ratios: "help", the cheapest round trip through the
// same core (session, messages, routing, state save), so a ratio is what brainstorm itself costs.
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { printTable, summary } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
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

const SCRIPT = [
  'thinking about TCHA',
  'long, in at market',
  'ok',
  '3R',
  'risk half a percent',
  'actually make the stop 560',
  'breakout from a 3-week base',
  'swing',
  'evaluate',
  'save',
];

const samples = new Map<string, number[]>();
const record = (name: string, ms: number) => samples.set(name, [...(samples.get(name) ?? []), ms]);
const send = async (user: string, text: string) => {
  const started = performance.now();
  const reply = await app.conversation.handle({
    platform: 'cli',
    workspace: 'bench',
    channel: 'c',
    thread: '',
    user,
    text,
  });
  return { ms: performance.now() - started, reply };
};

// One warm-up dialogue: the first ContextPack build and the symbol directory are measured separately.
const warm = await send('warmup', SCRIPT[0] ?? '');
for (let run = 0; run < RUNS; run++) {
  const user = `bench-${run}`;
  record('baseline: "help"', (await send(user, 'help')).ms);
  for (const [turn, text] of SCRIPT.entries()) {
    const { ms, reply } = await send(user, text);
    if (run === 0 && reply.kind === 'error')
      throw new Error(`turn ${turn + 1} "${text}" failed: ${reply.title}: ${reply.text ?? ''}`);
    record(`turn ${String(turn + 1).padStart(2)}: ${text}`, ms);
  }
}

console.log(
  `brainstorm benchmark: ${RUNS} dialogues of ${SCRIPT.length} turns, database ${app.database.kind}; first turn of the very first dialogue (cold ContextPack) ${warm.ms.toFixed(1)} ms`,
);
printTable(
  [...samples.entries()].map(([name, values]) => summary(name, values)),
  'baseline: "help"',
);
const perTurn = [...samples.entries()]
  .filter(([name]) => name.startsWith('turn') && !/evaluate|save/.test(name))
  .flatMap(([, v]) => v);
const all = summary('all brainstorm turns (without evaluate/save)', perTurn);
console.log(`\n${all.name}: n=${all.n} p50 ${all.p50.toFixed(2)} ms, p95 ${all.p95.toFixed(2)} ms`);
await app.close();
