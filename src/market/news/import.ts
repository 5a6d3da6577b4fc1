import { readFile } from 'node:fs/promises';
import type { NewNewsItem } from '../../db/index.js';
import { NewsFormatError, parseFeed } from './parse-feed.js';
import { parseNewsJson } from './parse-json.js';
import { scoreHeadline } from './score-headline.js';
import type { ParsedNews, ParsedNewsItem, SkippedNewsEntry } from './types.js';

export const MAX_NEWS_BYTES = 5 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;
const SYMBOL = /^[A-Z0-9.^=-]{1,15}$/;

export interface NewsImportReport {
  source: string;
  format: ParsedNews['format'];
  read: number;
  added: number;
  /** Already stored (same URL). */
  duplicates: number;
  /** Stored without a symbol: the Sentiment agent will not see them. */
  untagged: number;
  skipped: SkippedNewsEntry[];
}

export interface NewsImportDeps {
  insertMany(items: readonly NewNewsItem[]): Promise<number>;
  fetch?: typeof fetch;
}

/** Feed or JSON, by the first character; anything else is not news. */
export function parseNews(text: string, sourceName: string): ParsedNews {
  const start = text.trimStart()[0];
  if (start === '<') return parseFeed(text, sourceName);
  if (start === '[' || start === '{') return parseNewsJson(text, sourceName);
  throw new NewsFormatError('neither a feed (XML) nor JSON');
}

async function load(source: string, fetcher: typeof fetch): Promise<string> {
  if (!/^https?:\/\//i.test(source)) {
    const text = await readFile(source, 'utf8');
    if (Buffer.byteLength(text) > MAX_NEWS_BYTES)
      throw new NewsFormatError(`larger than ${MAX_NEWS_BYTES} bytes`);
    return text;
  }
  const response = await fetcher(source, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    headers: {
      accept: 'application/rss+xml, application/atom+xml, application/xml, application/json;q=0.9, */*;q=0.5',
    },
  });
  if (!response.ok)
    throw new NewsFormatError(`the server answered ${response.status} ${response.statusText}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_NEWS_BYTES) throw new NewsFormatError(`larger than ${MAX_NEWS_BYTES} bytes`);
  const body = await response.text();
  if (Buffer.byteLength(body) > MAX_NEWS_BYTES)
    throw new NewsFormatError(`larger than ${MAX_NEWS_BYTES} bytes`);
  return body;
}

/**
 * Symbols of one headline: those it was tagged with (feed categories, JSON fields) and those it
 * names as a cashtag or a whole upper-case word, kept when we know them; plus `extra`, given by
 * the person importing.
 */
export function symbolsFor(
  item: ParsedNewsItem,
  known: ReadonlySet<string>,
  extra: readonly string[],
): string[] {
  const found = new Set(extra.map((s) => s.toUpperCase()));
  for (const s of item.symbols) if (known.has(s.toUpperCase())) found.add(s.toUpperCase());
  for (const m of item.headline.matchAll(/\$?\b[A-Z][A-Z0-9.]{0,9}\b/g)) {
    const word = m[0].replace(/^\$/, '');
    if (known.has(word)) found.add(word);
  }
  return [...found].filter((s) => SYMBOL.test(s)).sort();
}

/** Scores headlines and shapes them as rows, one per URL; what every news source stores. */
export function newsRows(
  items: readonly ParsedNewsItem[],
  importedFrom: string,
  knownSymbols: readonly string[],
  extra: readonly string[],
): NewNewsItem[] {
  const known = new Set(knownSymbols.map((s) => s.toUpperCase()));
  const rows: NewNewsItem[] = items.map((item) => {
    const scored = scoreHeadline(item.headline);
    return {
      headline: item.headline.slice(0, 1_000),
      source: item.source.slice(0, 200),
      publishedAt: new Date(item.publishedAt),
      symbols: symbolsFor(item, known, extra),
      url: item.url,
      score: scored.score,
      scoredWith: scored.scoredWith,
      importedFrom: importedFrom.slice(0, 500),
    };
  });
  return [...new Map(rows.map((r) => [r.url, r])).values()];
}

/** Reads a feed or JSON file (path or http(s) URL), scores each headline and stores the new ones. */
export async function importNews(
  deps: NewsImportDeps,
  source: string,
  options: { knownSymbols: readonly string[]; symbols?: readonly string[] | undefined },
): Promise<NewsImportReport> {
  const text = await load(source, deps.fetch ?? fetch);
  const parsed = parseNews(text, source);
  const unique = newsRows(parsed.items, source, options.knownSymbols, options.symbols ?? []);
  const added = await deps.insertMany(unique);
  return {
    source,
    format: parsed.format,
    read: parsed.items.length,
    added,
    duplicates: parsed.items.length - added,
    untagged: unique.filter((r) => (r.symbols ?? []).length === 0).length,
    skipped: parsed.skipped,
  };
}
