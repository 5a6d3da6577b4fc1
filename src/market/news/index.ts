export {
  importNews,
  MAX_NEWS_BYTES,
  newsRows,
  parseNews,
  symbolsFor,
  type NewsImportDeps,
  type NewsImportReport,
} from './import.js';
export { NewsFormatError, parseFeed } from './parse-feed.js';
export { parseNewsJson } from './parse-json.js';
export { HEADLINE_SCORER, scoreHeadline, tokenize, type HeadlineScore } from './score-headline.js';
export type { NewsItem, ParsedNews, ParsedNewsItem, SkippedNewsEntry } from './types.js';
