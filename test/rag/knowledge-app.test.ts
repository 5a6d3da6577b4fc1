import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { CLI_COMMANDS, type CliCommand } from '../../src/bot/cli/commands/index.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/index.js';
import { openPglite } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/app.js';
import { startFakeEmbeddingsServer, type FakeEmbeddings } from '../helpers/fake-embeddings-server.js';
import { startFakeQdrant, type FakeQdrant } from '../helpers/fake-qdrant-server.js';

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));

function command(...path: string[]): CliCommand {
  const found = CLI_COMMANDS.find((c) => c.path.join(' ') === path.join(' '));
  if (!found) throw new Error(`no command ${path.join(' ')}`);
  return found;
}

async function run(app: App, args: string[], ...path: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(...path).run(app, args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('knowledge settings from the environment', () => {
  it.each([
    [{}, { dirs: [KNOWLEDGE], qdrant: undefined, embeddings: { kind: 'local' } }],
    [{ KNOWLEDGE_DIRS: ' /srv/notes, ./team ,' }, { dirs: [KNOWLEDGE, '/srv/notes', './team'] }],
    [
      { QDRANT_URL: 'http://127.0.0.1:6333', QDRANT_API_KEY: 'k' },
      { qdrant: { url: 'http://127.0.0.1:6333', apiKey: 'k' } },
    ],
    [
      { EMBEDDINGS_URL: 'http://127.0.0.1:11434/v1', EMBEDDINGS_MODEL: 'nomic-embed-text' },
      {
        embeddings: {
          kind: 'openai-compatible',
          baseUrl: 'http://127.0.0.1:11434/v1',
          model: 'nomic-embed-text',
          apiKey: undefined,
        },
      },
    ],
  ])('when the environment is %j, then the knowledge config is %j', (env, expected) => {
    expect(loadConfig(env).knowledge).toMatchObject(expected);
  });
});

describe('knowledge base in the app (embedded store, local embedder)', () => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await openPglite();
    app = await buildTestApp(database, { DEMO_DATA: 'false' });
  });
  afterAll(async () => database.close());

  it('when the app starts on an empty store, then the repository knowledge is indexed; a second start does not re-index', async () => {
    const first = await app.knowledge.synced();
    expect(first?.documents).toMatchObject({
      added: expect.any(Number),
      updated: 0,
      removed: 0,
      unchanged: 0,
    });
    const stats = await app.knowledge.store.stats();
    expect(stats.kind).toBe('embedded');
    expect(stats.embedders).toEqual(['local-hash-v1-512']);
    for (const domain of ['technical', 'fundamental', 'sentiment', 'risk'] as const)
      expect(stats.domains[domain].documents).toBeGreaterThanOrEqual(12);
    const again = await buildTestApp(database, { DEMO_DATA: 'false' });
    expect((await again.knowledge.synced())?.documents).toEqual({
      added: 0,
      updated: 0,
      removed: 0,
      unchanged: first?.documents.added,
    });
  });

  it('when the app is closed right after it starts, then close returns and the next start completes the index', async () => {
    const shared = await openPglite();
    const interrupted = await buildTestApp(shared, { DEMO_DATA: 'false' });
    await interrupted.knowledge.close();
    const partial = (await interrupted.knowledge.store.listDocuments()).length;
    const resumed = await buildTestApp(shared, { DEMO_DATA: 'false' });
    const report = await resumed.knowledge.synced();
    const total = (await app.knowledge.store.listDocuments()).length;
    expect(report?.documents).toEqual({ added: total - partial, updated: 0, removed: 0, unchanged: partial });
    expect((await resumed.knowledge.store.listDocuments()).length).toBe(total);
    await resumed.close();
  });

  it('when `buddy kb index` runs after the start-up sync filled the store, then it reports that sync and its own all-unchanged run', async () => {
    const result = await run(app, [], 'kb', 'index');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      / {2}documents at start-up \([\d.]+ s\): [1-9]\d* added, 0 updated, 0 removed, 0 unchanged/,
    );
    expect(result.out).toMatch(/  documents \([\d.]+ s\): 0 added, 0 updated, 0 removed, \d+ unchanged/);
    expect(result.out).toMatch(/chunks: technical \d+, fundamental \d+, sentiment \d+, risk \d+/);
  });

  it('when `buddy kb stats` runs, then it lists documents and chunks per domain and the embedder', async () => {
    const result = await run(app, [], 'kb', 'stats');
    expect(result.out).toContain(
      'Store: embedded; embedder configured: local-hash-v1-512; vectors made by: local-hash-v1-512',
    );
    expect(result.out).toMatch(/ {2}risk +\d+ documents +\d+ chunks/);
  });

  it('when `buddy kb search` runs with a domain and k, then it prints k hits with score, domain, path > heading and a snippet', async () => {
    const result = await run(
      app,
      ['position size for 1% risk per trade', '--domain', 'risk', '-k', '3'],
      'kb',
      'search',
    );
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^1\. 0\.\d{4} {2}risk +knowledge\/risk\/[a-z0-9-]+\.md > .+/);
    expect(lines[1]).toMatch(/^ {3}\S/);
  });

  it.each([
    [['x', '--domain', 'astrology'], 'Unknown domain'],
    [['--domain', 'risk'], 'Give a query'],
    [['x', '-k', '0'], 'Give a query'],
    [['x', '--nope'], 'Unknown option'],
  ])('when `buddy kb search %j` is run, then it exits 2 with a usage message', async (args, message) => {
    const result = await run(app, args, 'kb', 'search');
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });
});

describe('knowledge base in the app with an extra folder holding a bad file', () => {
  it('when `buddy kb index` meets an invalid file, then it indexes the rest, names the file and exits 1', async () => {
    const extra = await mkdtemp(join(tmpdir(), 'kb-extra-'));
    await writeFile(
      join(extra, 'good.md'),
      '---\ntitle: Team rule\ndomain: risk\ntags: [team]\n---\n\nNever add to a loser.\n',
    );
    await writeFile(join(extra, 'bad.md'), '---\ntitle: No domain\ntags: [x]\n---\n\nText.\n');
    const database = await openPglite();
    try {
      const app = await buildTestApp(database, { DEMO_DATA: 'false', KNOWLEDGE_DIRS: extra });
      const result = await run(app, [], 'kb', 'index');
      expect(result.code).toBe(1);
      expect(result.err).toContain(`${join(extra, 'bad.md')}: front matter: domain:`);
      const hits = await app.knowledge.retriever.retrieve('never add to a loser', { domain: 'risk', k: 1 });
      expect(hits[0]?.docPath).toMatch(/^kb-extra-\w+\/good\.md$/);
      await app.close();
    } finally {
      await rm(extra, { recursive: true, force: true });
    }
  });
});

describe('knowledge base in the app with Qdrant and an OpenAI-compatible embedder', () => {
  let database: Database;
  let qdrant: FakeQdrant;
  let embedder: FakeEmbeddings;
  beforeAll(async () => {
    database = await openPglite();
    qdrant = await startFakeQdrant();
    embedder = await startFakeEmbeddingsServer({ dimensions: 96 });
  });
  afterAll(async () => {
    await database.close();
    await qdrant.close();
    await embedder.close();
  });

  it("when QDRANT_URL and EMBEDDINGS_URL are set, then first start indexes into one collection per domain with the endpoint's vectors", async () => {
    const env = {
      DEMO_DATA: 'false',
      QDRANT_URL: qdrant.url,
      EMBEDDINGS_URL: `${embedder.url}/v1`,
      EMBEDDINGS_MODEL: 'fake-embed',
    };
    const app = await buildTestApp(database, env);
    await app.knowledge.synced();
    expect(app.knowledge.store.kind).toBe('qdrant');
    expect([...qdrant.collections.keys()].sort()).toEqual([
      'knowledge_fundamental',
      'knowledge_risk',
      'knowledge_sentiment',
      'knowledge_technical',
    ]);
    expect(qdrant.collections.get('knowledge_risk')?.dense).toEqual({
      dense: { size: 96, distance: 'Cosine' },
    });
    expect((await app.knowledge.store.stats()).embedders).toEqual(['openai-compatible:fake-embed']);
    const hits = await app.knowledge.retriever.retrieve('risk of ruin', { domain: 'risk', k: 3 });
    expect(hits[0]?.docPath).toBe('knowledge/risk/risk-of-ruin.md');

    const local = await buildTestApp(database, { DEMO_DATA: 'false', QDRANT_URL: qdrant.url });
    expect((await local.knowledge.synced())?.reembedded).toBe(true);
    expect((await local.knowledge.store.stats()).embedders).toEqual(['local-hash-v1-512']);
    expect(qdrant.collections.get('knowledge_risk')?.dense).toEqual({
      dense: { size: 512, distance: 'Cosine' },
    });
  });
});
