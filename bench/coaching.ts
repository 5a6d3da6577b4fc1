// Coaching accuracy (issue 13): ideas with one planted flaw on the shared real stocks, evaluated
// point-in-time through the product's own ContextPack builder and evaluators. For each flaw: how
// often its finding is the first issue shown, in the top three, and at what severity; for clean
// ideas: how often a medium-or-worse finding is raised anyway (false alarms); and the score of
// each group. Stocks are split: a third are held out (every third file) and reported apart,
// since the thresholds were chosen while looking at the others.
//
//   npx tsx bench/coaching.ts            (BENCH_POINTS per stock, default 10)
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createMarketRepository, openDatabase } from '../src/db/index.js';
import { EVALUATORS, createRegistry, runEvaluators, type TradeIntent } from '../src/evaluators/index.js';
import { createContextPackBuilder, type ContextPack } from '../src/market/context/index.js';
import { importCsvFile } from '../src/market/data/import.js';
import { plantedIdeas, type PlantedIdea } from './coaching-ideas.js';

const DIR = process.env.MARKET_DAILY_DIR ?? join(import.meta.dirname, '../../shared/data/market/daily');
const POINTS = Number(process.env.BENCH_POINTS ?? 10);
if (!existsSync(DIR)) {
  console.log(`coaching bench skipped: no ${DIR}`);
  process.exit(0);
}
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.csv'))
  .sort();

const database = await openDatabase({ kind: 'pglite', dir: '' });
const market = createMarketRepository(database.db);
for (const f of files) await importCsvFile(market, join(DIR, f));
const builder = createContextPackBuilder({ market });
const registry = createRegistry(EVALUATORS);
const user = {
  userId: 'bench:coaching',
  equity: 50_000,
  equityIsDefault: false,
  rules: { maxRiskPct: 1, minRewardRisk: 1.5, maxPositionPct: 100, requireStop: true },
  rulesVersion: 1,
};

interface Outcome {
  flaw: string;
  heldOut: boolean;
  rank1: boolean;
  top3: boolean;
  severity: string;
  score: number;
  falseAlarm: boolean;
  /** The first shown finding when it was not the planted one (or any medium+ on a clean idea). */
  ledBy?: string;
}
const outcomes: Outcome[] = [];
const started = performance.now();
let evaluations = 0;

for (const [fileIndex, f] of files.entries()) {
  const symbol = basename(f, '.csv');
  const heldOut = fileIndex % 3 === 2;
  const bars = await market.loadBars(symbol, '1d', {});
  const step = Math.floor((bars.length - 320) / POINTS);
  for (let p = 0; p < POINTS; p++) {
    const at = bars[300 + p * step];
    if (!at) continue;
    const ctx: ContextPack = await builder.build({ symbol, timeframe: '1d', asOf: at.ts, user });
    for (const idea of plantedIdeas(symbol, ctx)) {
      const result = await runEvaluators(registry, idea.intent as TradeIntent, ctx, { timeoutMs: 5_000 });
      evaluations++;
      outcomes.push(judge(idea, result, heldOut));
    }
  }
}
const seconds = (performance.now() - started) / 1000;

function judge(
  idea: PlantedIdea,
  result: Awaited<ReturnType<typeof runEvaluators>>,
  heldOut: boolean,
): Outcome {
  const shown = result.issues.filter((i) => i.shown && i.severity !== 'info');
  const index = shown.findIndex((i) => idea.expect.includes(i.code));
  const planted = result.issues.find((i) => idea.expect.includes(i.code));
  return {
    flaw: idea.flaw,
    heldOut,
    rank1: index === 0,
    top3: index >= 0 && index < 3,
    severity: planted?.severity ?? 'missed',
    score: result.score,
    falseAlarm:
      idea.flaw === 'clean' && result.issues.some((i) => ['medium', 'high', 'critical'].includes(i.severity)),
    ...(index !== 0 && shown[0] ? { ledBy: `${shown[0].code} (${shown[0].severity})` } : {}),
  };
}

const pct = (n: number, d: number): string =>
  d === 0 ? '   -' : `${((100 * n) / d).toFixed(0).padStart(3)}%`;
function table(rows: Outcome[], title: string): void {
  console.log(`\n${title}: ${rows.length} ideas`);
  console.log('flaw                    n  rank1  top3  score  severity of the planted finding');
  const flaws = [...new Set(rows.map((r) => r.flaw))];
  for (const flaw of flaws) {
    const group = rows.filter((r) => r.flaw === flaw);
    const sev = ['critical', 'high', 'medium', 'low', 'info', 'missed']
      .map((s) => [s, group.filter((r) => r.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ');
    const meanScore = group.reduce((s, r) => s + r.score, 0) / group.length;
    const clean = flaw === 'clean';
    console.log(
      `${flaw.padEnd(22)}${String(group.length).padStart(3)}  ${clean ? '    -' : pct(group.filter((r) => r.rank1).length, group.length).padStart(5)}  ${clean ? '   -' : pct(group.filter((r) => r.top3).length, group.length)}  ${meanScore.toFixed(0).padStart(5)}  ${clean ? `false alarms (medium+) ${pct(group.filter((r) => r.falseAlarm).length, group.length)}` : sev}`,
    );
  }
  for (const flaw of flaws) {
    const led = new Map<string, number>();
    for (const r of rows.filter((x) => x.flaw === flaw && x.ledBy))
      led.set(r.ledBy ?? '', (led.get(r.ledBy ?? '') ?? 0) + 1);
    const top = [...led].sort((a, b) => b[1] - a[1]).slice(0, 3);
    if (top.length > 0)
      console.log(`  ${flaw}: led instead by ${top.map(([c, n]) => `${c} ×${n}`).join(', ')}`);
  }
  const flawed = rows.filter((r) => r.flaw !== 'clean');
  console.log(
    `all planted flaws    ${String(flawed.length).padStart(5)}  ${pct(flawed.filter((r) => r.rank1).length, flawed.length).padStart(5)}  ${pct(flawed.filter((r) => r.top3).length, flawed.length)}`,
  );
  const scores = [...new Set(rows.map((r) => r.score))];
  console.log(
    `distinct scores ${scores.length}; share at exactly 60: ${pct(rows.filter((r) => r.score === 60).length, rows.length)}`,
  );
}

console.log(
  `coaching bench: ${files.length} stocks (${files.filter((_, i) => i % 3 === 2).length} held out), ${POINTS} points each, ${evaluations} evaluations in ${seconds.toFixed(1)} s (${((seconds * 1000) / evaluations).toFixed(1)} ms each, context build included)`,
);
table(
  outcomes.filter((o) => !o.heldOut),
  'tuned stocks',
);
table(
  outcomes.filter((o) => o.heldOut),
  'held-out stocks',
);
await database.close();
