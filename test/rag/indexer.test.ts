import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKnowledgeRepository, type Database, type KnowledgeRepository } from '../../src/db/index.js';
import {
  createEmbeddedStore,
  createKnowledgeIndexer,
  createLocalEmbeddings,
  LocalHashEmbeddings,
  type KnowledgeStore,
} from '../../src/rag/index.js';
import { BACKENDS } from '../helpers/databases.js';

const file = (title: string, domain: string, body: string) =>
  `---\ntitle: ${title}\ndomain: ${domain}\ntags: [t]\n---\n\n# ${title}\n\n${body}\n`;
const LONG = Array.from({ length: 30 }, (_, i) => `Sentence ${i} about sizing a position with care.`).join(
  ' ',
);

describe.each(BACKENDS)('knowledge indexer on $name', (backend) => {
  let database: Database;
  let repository: KnowledgeRepository;
  let store: KnowledgeStore;
  let root: string;
  const write = async (path: string, text: string) => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  };
  const indexer = (dimensions = 64) =>
    createKnowledgeIndexer({
      store,
      embeddings: createLocalEmbeddings({ dimensions }),
      dirs: [join(root, 'knowledge')],
    });
  const rowsOf = async (docPath: string) => (await repository.loadAll()).filter((r) => r.docPath === docPath);

  beforeAll(async () => {
    database = await backend.open();
    repository = createKnowledgeRepository(database.db);
    store = createEmbeddedStore({ repository });
    root = await mkdtemp(join(tmpdir(), 'kb-index-'));
    await write('knowledge/risk/sizing.md', file('Sizing', 'risk', LONG));
    await write('knowledge/risk/heat.md', file('Heat', 'risk', 'Portfolio heat is the sum of open risk.'));
    await write(
      'knowledge/technical/atr.md',
      file('ATR', 'technical', 'Average true range measures typical movement.'),
    );
    await write('knowledge/technical/bad.md', '---\ntitle: Bad\ndomain: technical\n---\nNo tags.');
  });
  afterAll(async () => {
    await database.close();
    await rm(root, { recursive: true, force: true });
  });

  it('when indexing the first time, then every valid file is added, chunks are counted per domain, and the bad file is reported by path', async () => {
    const report = await indexer().indexAll();
    expect(report.documents).toEqual({ added: 3, updated: 0, removed: 0, unchanged: 0 });
    expect(report.domains.technical).toBe(1);
    expect(report.domains.risk).toBeGreaterThanOrEqual(2);
    expect(report.domains.fundamental).toBe(0);
    expect(report.chunks.written).toBe(report.domains.risk + report.domains.technical);
    expect(report.skipped).toEqual([
      { path: join(root, 'knowledge/technical/bad.md'), reason: expect.stringContaining('tags') },
    ]);
    expect(report.embedder).toBe('local-hash-v1-64');
  });

  it('when nothing changed, then re-indexing writes nothing', async () => {
    const before = await repository.loadAll();
    const report = await indexer().indexAll();
    expect(report.documents).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 3 });
    expect(report.chunks).toEqual({ written: 0, removed: 0 });
    expect(await repository.loadAll()).toEqual(before);
  });

  it('when one file is edited, then only its chunks are replaced', async () => {
    const heat = await rowsOf('knowledge/risk/heat.md');
    const sizing = await rowsOf('knowledge/risk/sizing.md');
    await write('knowledge/risk/sizing.md', file('Sizing', 'risk', `${LONG} An added closing sentence.`));
    const report = await indexer().indexAll();
    expect(report.documents).toEqual({ added: 0, updated: 1, removed: 0, unchanged: 2 });
    expect(await rowsOf('knowledge/risk/heat.md')).toEqual(heat);
    const after = await rowsOf('knowledge/risk/sizing.md');
    expect(after.map((r) => r.contentHash)).not.toContain(sizing[0]?.contentHash);
    expect(after.some((r) => r.text.includes('An added closing sentence.'))).toBe(true);
    expect(report.chunks.removed).toBe(sizing.length);
  });

  it('when a file changes domain in its front matter, then it leaves the old namespace', async () => {
    await write('knowledge/misc/crowd.md', file('Crowd', 'risk', 'Everyone is long the same names.'));
    await indexer().indexAll();
    await write('knowledge/misc/crowd.md', file('Crowd', 'sentiment', 'Everyone is long the same names.'));
    const report = await indexer().indexAll();
    expect(report.documents).toMatchObject({ added: 0, updated: 1, removed: 0 });
    expect(
      (await store.listDocuments())
        .filter((d) => d.docPath === 'knowledge/misc/crowd.md')
        .map((d) => d.domain),
    ).toEqual(['sentiment']);
    expect(report.domains.sentiment).toBe(1);
    await unlink(join(root, 'knowledge/misc/crowd.md'));
    expect((await indexer().indexAll()).documents).toMatchObject({ removed: 1 });
  });

  it('when a file is deleted, then its chunks are removed', async () => {
    await unlink(join(root, 'knowledge/technical/atr.md'));
    const report = await indexer().indexAll();
    expect(report.documents).toMatchObject({ removed: 1, unchanged: 2 });
    expect(report.chunks.removed).toBe(1);
    expect(await rowsOf('knowledge/technical/atr.md')).toEqual([]);
    expect(report.domains.technical).toBe(0);
  });

  it('when the run is aborted, then it stops between documents and the next run carries on', async () => {
    await write('knowledge/fundamental/a.md', file('A', 'fundamental', 'Valuation multiples.'));
    await write('knowledge/fundamental/b.md', file('B', 'fundamental', 'Free cash flow.'));
    const controller = new AbortController();
    // Aborts once the first new document has been embedded: a fixed point in the run.
    const embeddings = new (class extends LocalHashEmbeddings {
      override async embedDocuments(texts: string[]) {
        controller.abort();
        return super.embedDocuments(texts);
      }
    })({ dimensions: 64 });
    const aborted = createKnowledgeIndexer({ store, embeddings, dirs: [join(root, 'knowledge')] }).indexAll({
      signal: controller.signal,
    });
    await expect(aborted).rejects.toMatchObject({ code: 'knowledge-index-aborted' });
    expect((await store.stats()).domains.fundamental.documents).toBe(1);
    expect((await indexer().indexAll()).documents).toMatchObject({ added: 1, unchanged: 3 });
    for (const name of ['a', 'b']) await unlink(join(root, `knowledge/fundamental/${name}.md`));
    expect((await indexer().indexAll()).documents).toMatchObject({ removed: 2 });
  });

  it('when the embedder changes, then everything is re-embedded with the new one', async () => {
    const report = await indexer(32).indexAll();
    expect(report.reembedded).toBe(true);
    expect(report.documents).toMatchObject({ added: 2, unchanged: 0 });
    const rows = await repository.loadAll();
    expect(new Set(rows.map((r) => r.embedder))).toEqual(new Set(['local-hash-v1-32']));
    expect(rows.every((r) => r.vector.length === 32)).toBe(true);
    expect((await indexer(32).indexAll()).reembedded).toBe(false);
  });
});
