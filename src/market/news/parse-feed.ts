import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ParsedNews, ParsedNewsItem, SkippedNewsEntry } from './types.js';

export class NewsFormatError extends Error {}

type Node = Record<string, unknown>;

const ARRAYS = new Set(['item', 'entry', 'link', 'category']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Feeds nest the same tag once or many times; always-arrays keep one code path.
  isArray: (name) => ARRAYS.has(name),
  parseTagValue: false,
  trimValues: true,
});

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of an element that may carry attributes (`<title type="html">`) or be repeated. */
function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (isNode(value)) return textOf(value['#text']);
  return undefined;
}

/** Headlines from feeds often carry markup and entities; keep the words only. */
function plain(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function dateOf(...candidates: unknown[]): number | undefined {
  for (const c of candidates) {
    const text = textOf(c);
    if (!text) continue;
    const ms = Date.parse(text);
    if (Number.isFinite(ms)) return ms;
  }
  return undefined;
}

function atomLink(value: unknown): string | undefined {
  const links = (Array.isArray(value) ? value : [value]).filter(isNode);
  const preferred = links.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate') ?? links[0];
  const href = preferred?.['@_href'];
  return typeof href === 'string' && href.trim() ? href.trim() : undefined;
}

function rssLink(item: Node): string | undefined {
  const link = textOf(item['link']);
  if (link) return link;
  const guid = item['guid'];
  const text = textOf(guid);
  const permalink = isNode(guid) ? guid['@_isPermaLink'] !== 'false' : true;
  return text && permalink && /^https?:\/\//.test(text) ? text : undefined;
}

function categories(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.flatMap((c) => {
    const text = textOf(c) ?? (isNode(c) && typeof c['@_term'] === 'string' ? c['@_term'] : undefined);
    return text ? [text] : [];
  });
}

function collect(
  entries: unknown[],
  read: (entry: Node) => Partial<ParsedNewsItem>,
  defaultSource: string,
): Pick<ParsedNews, 'items' | 'skipped'> {
  const items: ParsedNewsItem[] = [];
  const skipped: SkippedNewsEntry[] = [];
  entries.forEach((entry, i) => {
    if (!isNode(entry)) {
      skipped.push({ entry: i + 1, reason: 'not an element with children' });
      return;
    }
    const r = read(entry);
    const missing = [
      !r.headline && 'title',
      !r.url && 'link',
      r.publishedAt === undefined && 'a valid date',
    ].filter(Boolean);
    if (missing.length > 0 || !r.headline || !r.url || r.publishedAt === undefined) {
      skipped.push({ entry: i + 1, reason: `missing ${missing.join(', ')}` });
      return;
    }
    items.push({
      headline: r.headline,
      url: r.url,
      publishedAt: r.publishedAt,
      source: r.source || defaultSource,
      symbols: r.symbols ?? [],
    });
  });
  return { items, skipped };
}

/**
 * Reads an RSS 2.0, RSS 1.0 (RDF) or Atom feed. Entries without a title, link or parseable
 * date are skipped and reported by position; a document that is not a feed is an error.
 * DOCTYPE declarations are refused: feeds do not need them and entity tricks live there.
 */
export function parseFeed(xml: string, fallbackSource = 'feed'): ParsedNews {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new NewsFormatError('DOCTYPE and ENTITY declarations are not accepted in a feed');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new NewsFormatError(
      `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  const doc: unknown = parser.parse(xml);
  if (!isNode(doc)) throw new NewsFormatError('empty XML document');

  const rss = doc['rss'];
  const rdf = doc['rdf:RDF'];
  const feed = doc['feed'];
  if (isNode(rss) || isNode(rdf)) {
    const root = (isNode(rss) ? rss : rdf) as Node;
    const channel = isNode(root['channel']) ? root['channel'] : {};
    const source = plain(textOf(channel['title']) ?? fallbackSource);
    const entries = (
      Array.isArray(channel['item']) ? channel['item'] : Array.isArray(root['item']) ? root['item'] : []
    ) as unknown[];
    const read = (item: Node): Partial<ParsedNewsItem> => {
      const title = textOf(item['title']);
      const link = rssLink(item);
      const published = dateOf(item['pubDate'], item['dc:date']);
      const src = textOf(item['source']);
      return {
        ...(title ? { headline: plain(title) } : {}),
        ...(link ? { url: link } : {}),
        ...(published !== undefined ? { publishedAt: published } : {}),
        ...(src ? { source: plain(src) } : {}),
        symbols: categories(item['category']),
      };
    };
    return { format: 'rss', ...collect(entries, read, source) };
  }
  if (isNode(feed)) {
    const source = plain(textOf(feed['title']) ?? fallbackSource);
    const entries = (Array.isArray(feed['entry']) ? feed['entry'] : []) as unknown[];
    const read = (entry: Node): Partial<ParsedNewsItem> => {
      const title = textOf(entry['title']);
      const link = atomLink(entry['link']);
      const published = dateOf(entry['published'], entry['updated']);
      const src = isNode(entry['source']) ? textOf(entry['source']['title']) : undefined;
      return {
        ...(title ? { headline: plain(title) } : {}),
        ...(link ? { url: link } : {}),
        ...(published !== undefined ? { publishedAt: published } : {}),
        ...(src ? { source: plain(src) } : {}),
        symbols: categories(entry['category']),
      };
    };
    return { format: 'atom', ...collect(entries, read, source) };
  }
  throw new NewsFormatError(
    `not an RSS or Atom feed (root element: ${
      Object.keys(doc)
        .filter((k) => !k.startsWith('?'))
        .join(', ') || 'none'
    })`,
  );
}
