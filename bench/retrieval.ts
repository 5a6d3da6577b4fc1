// Retrieval quality and speed of the knowledge base: embedded store on an in-memory PGlite,
// local embedder. Quality on test/fixtures/retrieval-eval.json; latency at ~1k and ~10k chunks
// (the knowledge base plus perturbed synthetic copies); indexing throughput.
// Baseline for the latency ratios: lexical-only retrieval in the same run.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKnowledgeRepository, openDatabase } from '../src/db/index.js';
import { mulberry32 } from '../src/market/data/prng.js';
import { evaluate, loadEvalSet, type EvalQuestion, type EvalScope } from '../src/rag/evaluation/eval-set.js';
import type { Metrics } from '../src/rag/evaluation/metrics.js';
import {
  createEmbeddedStore,
  createKnowledgeIndexer,
  createLocalEmbeddings,
  createRetriever,
  DOMAINS,
  loadDocuments,
  searchableText,
  splitDocument,
  type RetrievalMode,
  type RetrieveOptions,
} from '../src/rag/index.js';
import { percentile, timeIt } from './stats.js';

const KNOWLEDGE = fileURLToPath(new URL('../knowledge', import.meta.url));
const EVAL = fileURLToPath(new URL('../test/fixtures/retrieval-eval.json', import.meta.url));
const ROUNDS = Number(process.argv[2] ?? 5);
const MODES: RetrievalMode[] = ['lexical', 'dense', 'hybrid'];

const database = await openDatabase({ kind: 'pglite' });
const repository = createKnowledgeRepository(database.db);
const embeddings = createLocalEmbeddings();
const store = createEmbeddedStore({ repository });
const retriever = createRetriever({ store, embeddings });
const questions = await loadEvalSet(EVAL);
console.log(`Retrieval benchmark: embedded store (in-memory PGlite), embedder ${embeddings.id}, RRF k=60`);
console.log(
  `Node ${process.version}, load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (the machine is shared)\n`,
);

// ---- indexing throughput on the real corpus -------------------------------------------------
const indexReal = await createKnowledgeIndexer({ store, embeddings, dirs: [KNOWLEDGE] }).indexAll();
const realChunks = Object.values(indexReal.domains).reduce((a, b) => a + b, 0);
const { documents } = await loadDocuments([KNOWLEDGE]);
const chunks = (await Promise.all(documents.map((d) => splitDocument(d)))).flat();
const splitMs = (await timeIt(1, async () => Promise.all(documents.map((d) => splitDocument(d)))))[0] ?? 0;
const embedMs =
  (await timeIt(1, () => embeddings.embedDocuments(chunks.map((c) => searchableText(c)))))[0] ?? 0;

// ---- quality ----------------------------------------------------------------------------------
const fmt = (x: number) => x.toFixed(3);
function qualityRow(scope: string, mode: string, m: Metrics): string {
  return `${scope.padEnd(7)} ${mode.padEnd(8)} ${String(m.queries).padStart(4)}  ${fmt(m.hitAt1)}  ${fmt(m.hitAt5)}  ${fmt(m.mrr)}  ${fmt(m.ndcgAt10)}`;
}
console.log(
  `Quality on ${questions.length} labelled questions (document level: 40 chunks read, collapsed to documents)`,
);
console.log(
  "  domain = inside the question's own namespace, as an agent asks (only that domain's relevant documents count)",
);
console.log('  corpus = all four domains searched together, every relevant document counts');
console.log(`scope   mode        n  hit@1  hit@5  MRR    nDCG@10`);
const ndcg: Record<string, number> = {};
for (const scope of ['domain', 'corpus'] as EvalScope[]) {
  for (const mode of MODES) {
    const m = await evaluate(retriever, questions, mode, scope);
    ndcg[`${scope}/${mode}`] = m.ndcgAt10;
    console.log(qualityRow(scope, mode, m));
  }
}
// Feature weights were chosen looking only at questions in even positions (q001, q003, ...);
// the odd ones (q002, q004, ...) were never looked at while tuning.
const heldOut = questions.filter((_, i) => i % 2 === 1);
console.log(`\nHeld-out half (${heldOut.length} questions never used for tuning), nDCG@10:`);
for (const scope of ['domain', 'corpus'] as EvalScope[]) {
  const row = await Promise.all(
    MODES.map(async (mode) => `${mode} ${fmt((await evaluate(retriever, heldOut, mode, scope)).ndcgAt10)}`),
  );
  console.log(`  ${scope.padEnd(7)} ${row.join('  ')}`);
}
// Ablation: the same embedder without the trading-concept features (acronyms and phrasings).
{
  const plainDb = await openDatabase({ kind: 'pglite' });
  const plainStore = createEmbeddedStore({ repository: createKnowledgeRepository(plainDb.db) });
  const plain = createLocalEmbeddings({ weights: { word: 1, bigram: 0.6, char: 0.18, concept: 0 } });
  await createKnowledgeIndexer({ store: plainStore, embeddings: plain, dirs: [KNOWLEDGE] }).indexAll();
  const plainRetriever = createRetriever({ store: plainStore, embeddings: plain });
  console.log('\nAblation, embedder without the trading-concept table, nDCG@10:');
  for (const scope of ['domain', 'corpus'] as EvalScope[]) {
    const row = await Promise.all(
      (['dense', 'hybrid'] as RetrievalMode[]).map(
        async (mode) => `${mode} ${fmt((await evaluate(plainRetriever, questions, mode, scope)).ndcgAt10)}`,
      ),
    );
    console.log(`  ${scope.padEnd(7)} ${row.join('  ')}`);
  }
  await plainDb.close();
}
for (const scope of ['domain', 'corpus']) {
  const h = ndcg[`${scope}/hybrid`] ?? 0;
  const l = ndcg[`${scope}/lexical`] ?? 0;
  console.log(
    `Target hybrid > lexical on nDCG@10 (${scope}): ${fmt(h)} vs ${fmt(l)} (${h > l ? 'met' : 'NOT met'}, ${((h / l - 1) * 100).toFixed(1)}%)`,
  );
}

// ---- synthetic corpus ---------------------------------------------------------------------------
/** A perturbed copy of a knowledge file: same headings, words dropped/swapped, numbers jittered. */
function perturb(raw: string, copy: number, random: () => number): string {
  const end = raw.indexOf('\n---', 3);
  const front = raw.slice(0, end).replace(/^title: (.*)$/m, `title: $1 (variant ${copy})`);
  const body = raw
    .slice(end)
    .split('\n')
    .map((line) => {
      if (/^(#|---)/.test(line)) return line;
      const words = line.split(' ');
      for (let i = 0; i < words.length; i++) {
        const r = random();
        if (r < 0.07) words.splice(i, 1);
        else if (r < 0.14 && i + 1 < words.length)
          [words[i], words[i + 1]] = [words[i + 1] ?? '', words[i] ?? ''];
        else if (/^\d+(\.\d+)?$/.test(words[i] ?? ''))
          words[i] = (Number(words[i]) * (0.8 + 0.4 * random())).toFixed(2);
      }
      return words.join(' ');
    });
  return `${front}${body.join('\n')}`;
}

const synthetic = join(await mkdtemp(join(tmpdir(), 'kb-bench-')), 'synthetic');
const files = (
  await Promise.all(
    DOMAINS.map(async (d) =>
      (await readdir(join(KNOWLEDGE, d))).filter((f) => f.endsWith('.md')).map((f) => join(d, f)),
    ),
  )
).flat();
async function writeCopies(from: number, to: number): Promise<void> {
  const random = mulberry32(from * 7919);
  for (let copy = from; copy <= to; copy++) {
    for (const file of files) {
      const target = join(synthetic, `copy-${String(copy).padStart(2, '0')}`, file);
      await mkdir(join(target, '..'), { recursive: true });
      await writeFile(target, perturb(await readFile(join(KNOWLEDGE, file), 'utf8'), copy, random));
    }
  }
}

const latencyRows: string[] = [];
const throughputRows: string[] = [
  `real corpus, first index      ${String(realChunks).padStart(6)} chunks  ${(indexReal.durationMs / 1000).toFixed(2).padStart(6)} s  ${(realChunks / (indexReal.durationMs / 1000)).toFixed(0).padStart(6)} chunks/s  (read + split + embed + write to PGlite)`,
  `split only                    ${String(chunks.length).padStart(6)} chunks  ${(splitMs / 1000).toFixed(2).padStart(6)} s  ${(chunks.length / (splitMs / 1000)).toFixed(0).padStart(6)} chunks/s`,
  `embed only (local)            ${String(chunks.length).padStart(6)} chunks  ${(embedMs / 1000).toFixed(2).padStart(6)} s  ${(chunks.length / (embedMs / 1000)).toFixed(0).padStart(6)} chunks/s`,
];

/** Adds synthetic copies, indexes them, measures latency; returns the chunk count and chunks per copy. */
async function measureAt(
  label: string,
  copiesFrom: number,
  copiesTo: number,
): Promise<{ total: number; perCopy: number }> {
  await writeCopies(copiesFrom, copiesTo);
  const report = await createKnowledgeIndexer({ store, embeddings, dirs: [KNOWLEDGE, synthetic] }).indexAll();
  const total = Object.values(report.domains).reduce((a, b) => a + b, 0);
  throughputRows.push(
    `synthetic copies ${String(copiesFrom).padStart(2)}-${String(copiesTo).padEnd(2)}         ${String(report.chunks.written).padStart(6)} chunks  ${(report.durationMs / 1000).toFixed(2).padStart(6)} s  ${(report.chunks.written / (report.durationMs / 1000)).toFixed(0).padStart(6)} chunks/s  (incremental run; store then holds ${total})`,
  );
  // A fresh store over the same table: what a restart pays to build the in-memory index.
  const fresh = createEmbeddedStore({ repository });
  const loadMs = (await timeIt(1, () => fresh.reload()))[0] ?? 0;
  const freshRetriever = createRetriever({ store: fresh, embeddings });
  const firstMs =
    (
      await timeIt(1, () =>
        Promise.all(DOMAINS.map((domain) => freshRetriever.retrieve('warm up', { domain, k: 5 }))),
      )
    )[0] ?? 0;
  const perDomain = DOMAINS.map((d) => report.domains[d]).join('/');
  latencyRows.push(
    `${label}: ${total} chunks (${perDomain} per domain); restart loads the table in ${loadMs.toFixed(0)} ms, first query per domain builds its index (${firstMs.toFixed(0)} ms for all four)`,
  );
  const cases: [string, (q: EvalQuestion) => RetrieveOptions][] = [
    ['lexical, own domain (baseline)', (q) => ({ domain: q.domain, k: 5, mode: 'lexical' })],
    ['dense, own domain', (q) => ({ domain: q.domain, k: 5, mode: 'dense' })],
    ['hybrid, own domain', (q) => ({ domain: q.domain, k: 5 })],
    ['hybrid, all domains', () => ({ k: 5 })],
  ];
  let baseline = 0;
  for (const [name, options] of cases) {
    // Wall time, and this process's CPU time: on a loaded machine the wall-clock tail is mostly
    // time spent waiting for a core, which CPU time leaves out.
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < ROUNDS * questions.length; i++) {
      const q = questions[i % questions.length] as EvalQuestion;
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      await freshRetriever.retrieve(q.question, options(q));
      wall.push(performance.now() - started);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
    const p50 = percentile(wall, 50);
    if (baseline === 0) baseline = p50;
    const ms = (x: number) => `${x.toFixed(3)} ms`;
    latencyRows.push(
      `  ${name.padEnd(31)} n=${wall.length}  wall p50 ${ms(p50)} p95 ${ms(percentile(wall, 95))}  cpu p50 ${ms(percentile(cpu, 50))} p95 ${ms(percentile(cpu, 95))}  wall p50 ${(p50 / baseline).toFixed(2)}x baseline`,
    );
  }
  return { total, perCopy: report.chunks.written / (copiesTo - copiesFrom + 1) };
}

// Copies lose a few words each, so they split into slightly fewer chunks than the original:
// the second step sizes itself from the first so the store ends just above 10,000 chunks.
const firstCopies = Math.max(1, Math.round(1_000 / realChunks) - 1);
const small = await measureAt('~1k', 1, firstCopies);
await measureAt('~10k', firstCopies + 1, firstCopies + Math.ceil((10_000 - small.total) / small.perCopy));

console.log(
  `\nRetrieval latency (k=5, ${ROUNDS} rounds over the ${questions.length} questions, query embedding included, warm)`,
);
for (const row of latencyRows) console.log(row);
console.log('\nIndexing throughput');
for (const row of throughputRows) console.log(`  ${row}`);
console.log(
  `\nLoad average at end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
await rm(join(synthetic, '..'), { recursive: true, force: true });
await database.close();
