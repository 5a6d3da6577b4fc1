import { z } from 'zod';
import { NewsFormatError } from './parse-feed.js';
import type { ParsedNews, ParsedNewsItem, SkippedNewsEntry } from './types.js';

const text = z.string().trim().min(1);

/** One headline in a JSON file; the common field names of news APIs are accepted. */
const EntrySchema = z
  .object({
    headline: text.optional(),
    title: text.optional(),
    source: z.union([text, z.object({ name: text })]).optional(),
    published_at: text.optional(),
    publishedAt: text.optional(),
    date: text.optional(),
    url: z.url().optional(),
    link: z.url().optional(),
    symbols: z.union([z.array(text), text]).optional(),
    tickers: z.array(text).optional(),
  })
  .refine((e) => e.headline ?? e.title, { message: 'missing headline (or title)' })
  .refine((e) => e.url ?? e.link, { message: 'missing url (or link)' })
  .refine((e) => e.published_at ?? e.publishedAt ?? e.date, {
    message: 'missing published_at (or publishedAt, date)',
  });

function symbolsOf(e: z.infer<typeof EntrySchema>): string[] {
  const given = typeof e.symbols === 'string' ? e.symbols.split(/[,\s]+/) : (e.symbols ?? []);
  return [...given, ...(e.tickers ?? [])].filter((s) => s.length > 0);
}

/**
 * Reads headlines from JSON: an array of entries, or an object with an `items`, `articles` or
 * `news` array. A bad entry is skipped and reported by its 1-based position.
 */
export function parseNewsJson(json: string, fallbackSource = 'json'): ParsedNews {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (error) {
    throw new NewsFormatError(`not valid JSON: ${error instanceof Error ? error.message : 'parse error'}`);
  }
  const container =
    typeof doc === 'object' && doc !== null && !Array.isArray(doc)
      ? (doc as Record<string, unknown>)
      : undefined;
  const entries = Array.isArray(doc)
    ? doc
    : (container?.['items'] ?? container?.['articles'] ?? container?.['news']);
  if (!Array.isArray(entries))
    throw new NewsFormatError(
      'expected an array of headlines, or an object with an "items", "articles" or "news" array',
    );
  const items: ParsedNewsItem[] = [];
  const skipped: SkippedNewsEntry[] = [];
  entries.forEach((raw: unknown, i) => {
    const parsed = EntrySchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push({
        entry: i + 1,
        reason: parsed.error.issues
          .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
          .join('; '),
      });
      return;
    }
    const e = parsed.data;
    const when = e.published_at ?? e.publishedAt ?? e.date ?? '';
    const publishedAt = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(when) ? `${when}T00:00:00Z` : when);
    if (!Number.isFinite(publishedAt)) {
      skipped.push({ entry: i + 1, reason: `unreadable date "${when.slice(0, 40)}"` });
      return;
    }
    const source = typeof e.source === 'string' ? e.source : (e.source?.name ?? fallbackSource);
    items.push({
      headline: e.headline ?? e.title ?? '',
      url: e.url ?? e.link ?? '',
      publishedAt,
      source,
      symbols: symbolsOf(e),
    });
  });
  return { format: 'json', items, skipped };
}
