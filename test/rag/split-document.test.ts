import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SPLIT,
  parseKnowledgeFile,
  splitDocument,
  type SourceDocument,
} from '../../src/rag/index.js';
import { headingPaths } from '../../src/rag/indexing/split-document.js';

function docOf(body: string, docPath = 'knowledge/risk/x.md'): SourceDocument {
  return { docPath, domain: 'risk', title: 'Doc', tags: ['t'], body, contentHash: 'h' };
}

const words = (text: string) => text.split(/\s+/).filter((w) => w.length > 0);

describe('splitting a knowledge document', () => {
  const raw = readFileSync(new URL('../../knowledge/technical/atr-based-stops.md', import.meta.url), 'utf8');
  const parsed = parseKnowledgeFile(raw);
  if ('error' in parsed) throw new Error(parsed.error);
  const doc = {
    ...docOf(parsed.body, 'knowledge/technical/atr-based-stops.md'),
    title: parsed.frontMatter.title,
  };

  it('when a real document is split, then no chunk exceeds the size and no word is lost', async () => {
    const chunks = await splitDocument(doc);
    expect(chunks.length).toBeGreaterThan(3);
    expect(Math.max(...chunks.map((c) => c.text.length))).toBeLessThanOrEqual(DEFAULT_SPLIT.chunkSize);
    const kept = new Set(chunks.flatMap((c) => words(c.text)));
    expect(words(doc.body).filter((w) => !kept.has(w))).toEqual([]);
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
  });

  it('when a chunk opens a section, then its heading is the path of headings down to that section', async () => {
    const chunks = await splitDocument(doc);
    const worked = chunks.find((c) => c.text.startsWith('### Worked example\n'));
    expect(worked?.heading).toBe('ATR-based stops > True Range and ATR > Worked example');
    expect(chunks[0]?.heading).toBe('ATR-based stops');
  });

  it('when a document is split twice, then the ids are the same; when one section changes, then only its ids change', async () => {
    const body = '# Doc\n\n## A\n\nAlpha text.\n\n## B\n\nBeta text.\n';
    const first = await splitDocument(docOf(body), { chunkSize: 30, chunkOverlap: 0 });
    expect((await splitDocument(docOf(body), { chunkSize: 30, chunkOverlap: 0 })).map((c) => c.id)).toEqual(
      first.map((c) => c.id),
    );
    const edited = await splitDocument(docOf(body.replace('Beta text.', 'Beta text, edited.')), {
      chunkSize: 30,
      chunkOverlap: 0,
    });
    const unchanged = edited.filter((c) => first.some((f) => f.id === c.id));
    expect(unchanged.map((c) => c.heading)).toEqual(['Doc > A']);
    expect(edited.find((c) => c.heading === 'Doc > B')?.id).not.toBe(
      first.find((c) => c.heading === 'Doc > B')?.id,
    );
  });

  it('when the same text appears twice under one heading, then the chunks still get distinct ids', async () => {
    const chunks = await splitDocument(docOf('# Doc\n\nSame words.\n\nSame words.\n'), {
      chunkSize: 12,
      chunkOverlap: 0,
    });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  });

  it('when a line in a code fence starts with #, then it is not a heading', () => {
    const paths = headingPaths('# Doc\n```\n# not a heading\n```\n## Real\ntext');
    expect(paths[3]).toEqual(['Doc']);
    expect(paths[6]).toEqual(['Doc', 'Real']);
  });
});
