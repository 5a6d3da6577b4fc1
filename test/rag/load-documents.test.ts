import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDocuments, parseKnowledgeFile } from '../../src/rag/index.js';

const GOOD = '---\ntitle: Risk of ruin\ndomain: risk\ntags: [ruin, sizing]\n---\n\n# Risk of ruin\n\nText.\n';

describe('knowledge file front matter', () => {
  it.each([
    ['no front matter', '# Title\n\nText', 'no front matter'],
    ['front matter that is not YAML', '---\ntitle: [unclosed\n---\nText', 'not valid YAML'],
    ['no title', '---\ndomain: risk\ntags: [a]\n---\nText', 'title'],
    ['an unknown domain', '---\ntitle: T\ndomain: astrology\ntags: [a]\n---\nText', 'domain'],
    ['an empty tag list', '---\ntitle: T\ndomain: risk\ntags: []\n---\nText', 'at least one tag'],
    ['tags that are not a list', '---\ntitle: T\ndomain: risk\ntags: ruin\n---\nText', 'tags'],
    ['no text after the front matter', '---\ntitle: T\ndomain: risk\ntags: [a]\n---\n\n  \n', 'no text'],
  ])('when a file has %s, then it is rejected with a reason', (_label, raw, reason) => {
    const parsed = parseKnowledgeFile(raw);
    expect('error' in parsed && parsed.error).toContain(reason);
  });

  it('when the front matter is valid, then title, domain, tags and the body come back (CRLF and BOM tolerated)', () => {
    const parsed = parseKnowledgeFile(`\uFEFF${GOOD.replace(/\n/g, '\r\n')}`);
    expect(parsed).toEqual({
      frontMatter: { title: 'Risk of ruin', domain: 'risk', tags: ['ruin', 'sizing'] },
      body: '\n# Risk of ruin\n\nText.\n',
    });
  });
});

describe('loading knowledge folders', () => {
  let root: string;
  const write = async (path: string, text: string) => {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  };
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kb-load-'));
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('when a folder mixes good and bad files, then good ones load and each bad one is reported by path', async () => {
    await write('knowledge/risk/ruin.md', GOOD);
    await write('knowledge/risk/notes.txt', GOOD.replace('Risk of ruin', 'Notes'));
    await write('knowledge/risk/broken.md', '# no front matter');
    await write('knowledge/technical/misfiled.md', GOOD);
    await write('knowledge/README.md', '# About this folder');
    await write('knowledge/risk/image.png', 'binary');
    const { documents, problems } = await loadDocuments([join(root, 'knowledge')]);
    expect(documents.map((d) => d.docPath)).toEqual(['knowledge/risk/notes.txt', 'knowledge/risk/ruin.md']);
    expect(documents[1]).toMatchObject({ domain: 'risk', title: 'Risk of ruin', tags: ['ruin', 'sizing'] });
    expect(documents[1]?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(problems).toEqual([
      { path: join(root, 'knowledge/risk/broken.md'), reason: expect.stringContaining('no front matter') },
      {
        path: join(root, 'knowledge/technical/misfiled.md'),
        reason: expect.stringContaining('in the technical folder'),
      },
    ]);
  });

  it('when extra folders are given, then their files load under their own folder name, and a clash or missing folder is reported', async () => {
    await write('knowledge/risk/ruin.md', GOOD);
    await write('team-notes/ruin-notes.md', GOOD);
    await write('other/knowledge/risk/ruin.md', GOOD);
    const { documents, problems } = await loadDocuments([
      join(root, 'knowledge'),
      join(root, 'team-notes'),
      join(root, 'other/knowledge'),
      join(root, 'missing'),
    ]);
    expect(documents.map((d) => d.docPath)).toEqual(['knowledge/risk/ruin.md', 'team-notes/ruin-notes.md']);
    expect(problems.map((p) => p.reason)).toEqual([
      expect.stringContaining('same document path'),
      expect.stringContaining('cannot read the folder'),
    ]);
  });
});
