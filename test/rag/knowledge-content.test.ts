import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

// Content checks for the curated knowledge base and the labelled retrieval set. The indexer has its
// own front-matter parsing; this file only guards the content that the indexer and evals consume.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const domains = ['technical', 'fundamental', 'sentiment', 'risk'] as const;
type Domain = (typeof domains)[number];

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const frontMatterSchema = z
  .object({
    title: z.string().trim().min(1),
    domain: z.enum(domains),
    tags: z.array(z.string().regex(kebab)).min(3).max(8),
  })
  .strict();

const evalSchema = z.object({
  version: z.literal(1),
  questions: z.array(
    z
      .object({
        id: z.string().regex(/^q\d{3}$/),
        question: z.string().trim().min(5),
        domain: z.enum(domains),
        relevant: z
          .array(z.string().regex(/^knowledge\/[a-z]+\/[a-z0-9-]+\.md$/))
          .min(1)
          .max(3),
      })
      .strict(),
  ),
});

interface KnowledgeDoc {
  path: string;
  folder: Domain;
  fileName: string;
  frontMatter: unknown;
  body: string;
}

const frontMatterBlock = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/;

function loadDocs(): KnowledgeDoc[] {
  return domains.flatMap((folder) => {
    const dir = join(repoRoot, 'knowledge', folder);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((fileName) => {
        const text = readFileSync(join(dir, fileName), 'utf8');
        const match = frontMatterBlock.exec(text);
        return {
          path: `knowledge/${folder}/${fileName}`,
          folder,
          fileName,
          frontMatter: match ? parseYaml(match[1] ?? '') : undefined,
          body: match ? (match[2] ?? '') : text,
        };
      });
  });
}

const docs = loadDocs();
const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

describe('knowledge documents', () => {
  it.each(domains)('when the %s folder is read, then it holds at least 12 documents', (domain) => {
    expect(docs.filter((d) => d.folder === domain).length).toBeGreaterThanOrEqual(12);
  });

  it.each(docs.map((d) => [d.path, d] as const))(
    'when %s is parsed, then its front matter is valid and matches its folder',
    (_path, doc) => {
      expect(doc.frontMatter, 'front matter block between --- lines').toBeDefined();
      const parsed = frontMatterSchema.safeParse(doc.frontMatter);
      expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
      if (parsed.success) expect(parsed.data.domain).toBe(doc.folder);
    },
  );

  it.each(docs.map((d) => [d.path, d] as const))(
    'when %s is read, then it is a kebab-case file with ## sections, a worked number and 400-1100 words',
    (_path, doc) => {
      expect(doc.fileName.replace(/\.md$/, '')).toMatch(kebab);
      expect(doc.body).toMatch(/^## \S/m);
      expect(doc.body).toMatch(/\d/);
      const words = wordCount(doc.body);
      expect(words).toBeGreaterThanOrEqual(400);
      expect(words).toBeLessThanOrEqual(1100);
    },
  );

  it('when titles are compared, then no two documents share one', () => {
    const titles = docs.map((d) => frontMatterSchema.safeParse(d.frontMatter).data?.title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});

describe('retrieval evaluation set', () => {
  const raw: unknown = JSON.parse(
    readFileSync(join(repoRoot, 'test', 'fixtures', 'retrieval-eval.json'), 'utf8'),
  );
  const parsed = evalSchema.safeParse(raw);

  it('when the fixture is parsed, then it matches the schema', () => {
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
  });

  const questions = parsed.success ? parsed.data.questions : [];

  it('when questions are counted, then there are at least 90 with unique ids and texts', () => {
    expect(questions.length).toBeGreaterThanOrEqual(90);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(new Set(questions.map((q) => q.question.toLowerCase())).size).toBe(questions.length);
  });

  it.each(domains)('when questions are grouped, then %s has at least 20', (domain) => {
    expect(questions.filter((q) => q.domain === domain).length).toBeGreaterThanOrEqual(20);
  });

  it('when relevant paths are resolved, then every one exists and is listed once per question', () => {
    const missing = questions.flatMap((q) =>
      q.relevant.filter((p) => !existsSync(join(repoRoot, p))).map((p) => `${q.id}: ${p}`),
    );
    expect(missing).toEqual([]);
    const duplicated = questions.filter((q) => new Set(q.relevant).size !== q.relevant.length);
    expect(duplicated.map((q) => q.id)).toEqual([]);
  });

  it("when a question's domain is compared, then it equals its first relevant path's folder", () => {
    const mismatched = questions.filter((q) => q.relevant[0]?.split('/')[1] !== q.domain).map((q) => q.id);
    expect(mismatched).toEqual([]);
  });
});
