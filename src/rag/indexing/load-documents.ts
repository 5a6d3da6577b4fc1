import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DOMAINS, isDomain, type Domain } from '../types.js';

/** Front matter every knowledge file starts with. Unknown keys are allowed and ignored. */
export const FrontMatter = z.object({
  title: z.string().trim().min(1, 'title is empty'),
  domain: z.enum(DOMAINS),
  tags: z.array(z.string().trim().min(1)).min(1, 'give at least one tag'),
});

export interface SourceDocument {
  /** `<folder name>/<path inside it>` with forward slashes: stable across machines. */
  docPath: string;
  domain: Domain;
  title: string;
  tags: string[];
  /** The text after the front matter. */
  body: string;
  contentHash: string;
}

export interface LoadProblem {
  path: string;
  reason: string;
}

const EXTENSIONS = new Set(['.md', '.txt']);

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    // A folder may document itself in a README without it becoming knowledge.
    else if (entry.isFile() && EXTENSIONS.has(extname(entry.name)) && !/^readme\./i.test(entry.name))
      files.push(path);
  }
  return files;
}

/** Splits `---\nyaml\n---\nbody`; the YAML is then checked against FrontMatter. */
export function parseKnowledgeFile(
  raw: string,
): { frontMatter: z.infer<typeof FrontMatter>; body: string } | { error: string } {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match)
    return { error: 'no front matter (the file must start with a --- block holding title, domain and tags)' };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (error) {
    return {
      error: `front matter is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : 'parse error'}`,
    };
  }
  const parsed = FrontMatter.safeParse(data);
  if (!parsed.success) {
    return {
      error: `front matter: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'root'}: ${i.message}`).join('; ')}`,
    };
  }
  const body = text.slice(match[0].length);
  if (body.trim().length === 0) return { error: 'the document has no text after its front matter' };
  return { frontMatter: parsed.data, body };
}

/**
 * Reads every .md and .txt file under the given folders. A file that fails validation is
 * reported with its path and left out; it never stops the others.
 */
export async function loadDocuments(
  dirs: readonly string[],
): Promise<{ documents: SourceDocument[]; problems: LoadProblem[] }> {
  const documents: SourceDocument[] = [];
  const problems: LoadProblem[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    const root = resolve(dir);
    let files: string[];
    try {
      files = await listFiles(root);
    } catch (error) {
      problems.push({
        path: dir,
        reason: `cannot read the folder: ${error instanceof Error ? error.message : 'unknown error'}`,
      });
      continue;
    }
    for (const file of files) {
      const inside = relative(root, file).split(sep).join('/');
      const docPath = `${basename(root)}/${inside}`;
      const other = seen.get(docPath);
      if (other !== undefined) {
        problems.push({
          path: file,
          reason: `same document path ${docPath} as ${other}; rename one of the folders`,
        });
        continue;
      }
      seen.set(docPath, file);
      const raw = await readFile(file, 'utf8');
      const parsed = parseKnowledgeFile(raw);
      if ('error' in parsed) {
        problems.push({ path: file, reason: parsed.error });
        continue;
      }
      const folder = inside.split('/')[0] ?? '';
      if (inside.includes('/') && isDomain(folder) && folder !== parsed.frontMatter.domain) {
        problems.push({
          path: file,
          reason: `front matter says domain ${parsed.frontMatter.domain} but the file is in the ${folder} folder`,
        });
        continue;
      }
      documents.push({
        docPath,
        domain: parsed.frontMatter.domain,
        title: parsed.frontMatter.title,
        tags: parsed.frontMatter.tags,
        body: parsed.body,
        contentHash: createHash('sha256').update(raw).digest('hex'),
      });
    }
  }
  return { documents, problems };
}
