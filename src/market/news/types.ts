/** A headline as the agents see it; `score` is the AFINN word-list tone, null when never scored. */
export interface NewsItem {
  headline: string;
  source: string;
  /** Epoch ms. */
  publishedAt: number;
  symbols: string[];
  url: string;
  score: number | null;
  scoredWith: string | null;
}

/** A headline read from a feed or a JSON file, before scoring and storage. */
export interface ParsedNewsItem {
  headline: string;
  source: string;
  publishedAt: number;
  url: string;
  symbols: string[];
}

export interface SkippedNewsEntry {
  /** 1-based position of the entry in the feed or array. */
  entry: number;
  reason: string;
}

export interface ParsedNews {
  format: 'rss' | 'atom' | 'json';
  items: ParsedNewsItem[];
  skipped: SkippedNewsEntry[];
}
