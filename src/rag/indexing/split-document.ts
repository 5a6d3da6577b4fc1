import { createHash } from 'node:crypto';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { KnowledgeChunk } from '../types.js';
import type { SourceDocument } from './load-documents.js';

export interface SplitOptions {
  chunkSize: number;
  chunkOverlap: number;
}

export const DEFAULT_SPLIT: SplitOptions = { chunkSize: 900, chunkOverlap: 120 };

/** For each 1-based line, the heading path in force there (fenced code is not a heading). */
export function headingPaths(body: string): string[][] {
  const stack: { level: number; text: string }[] = [];
  const paths: string[][] = [[]];
  let fenced = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const match = fenced ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (match) {
      const level = (match[1] ?? '#').length;
      while (stack.length > 0 && (stack[stack.length - 1]?.level ?? 0) >= level) stack.pop();
      stack.push({ level, text: match[2] ?? '' });
    }
    paths.push(stack.map((h) => h.text));
  }
  return paths;
}

function isHeadingLine(line: string): boolean {
  return /^#{1,6}\s/.test(line);
}

/**
 * The heading a chunk is about: the last of the headings it opens with ("# Doc", "## A", then
 * text: A); else the first heading in its first 40% (a short tail of the previous section came
 * along); else the section it continues.
 */
function chunkHeading(paths: string[][], lines: string[], from: number, to: number, title: string): string {
  let at = from;
  let line = from;
  while (line <= to && (isHeadingLine(lines[line - 1] ?? '') || (lines[line - 1] ?? '').trim() === '')) {
    if (isHeadingLine(lines[line - 1] ?? '')) at = line;
    line++;
  }
  if (at === from && !isHeadingLine(lines[from - 1] ?? '')) {
    for (let l = from; l <= to && l - from <= (to - from + 1) * 0.4; l++) {
      if (isHeadingLine(lines[l - 1] ?? '')) {
        at = l;
        break;
      }
    }
  }
  const path = [...(paths[at] ?? [])];
  if (path[0] !== title) path.unshift(title);
  return path.join(' > ');
}

function chunkId(docPath: string, heading: string, text: string, occurrence: number): string {
  return createHash('sha256')
    .update(`${docPath}\n${heading}\n${occurrence}\n${text}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * Markdown-aware split (LangChain's recursive splitter with Markdown separators: headings
 * first, then paragraphs, lines, words). Each chunk keeps the heading path it sits under, and
 * its id is a hash of its place and text, so unchanged text keeps its id across re-indexing.
 */
export async function splitDocument(
  doc: SourceDocument,
  options: SplitOptions = DEFAULT_SPLIT,
): Promise<KnowledgeChunk[]> {
  const splitter = RecursiveCharacterTextSplitter.fromLanguage('markdown', options);
  const pieces = await splitter.createDocuments([doc.body]);
  const paths = headingPaths(doc.body);
  const lines = doc.body.split('\n');
  const occurrences = new Map<string, number>();
  const chunks: KnowledgeChunk[] = [];
  for (const piece of pieces) {
    const text = piece.pageContent.trim();
    if (text.length === 0) continue;
    const loc = (piece.metadata as { loc?: { lines?: { from?: number; to?: number } } }).loc?.lines;
    const from = loc?.from ?? 1;
    const heading = chunkHeading(paths, lines, from, loc?.to ?? from, doc.title);
    const key = `${heading}\n${text}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    chunks.push({
      id: chunkId(doc.docPath, heading, text, occurrence),
      domain: doc.domain,
      docPath: doc.docPath,
      title: doc.title,
      heading,
      ordinal: chunks.length,
      text,
      tags: doc.tags,
      contentHash: doc.contentHash,
    });
  }
  return chunks;
}
