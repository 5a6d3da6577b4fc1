import type { RetrievedChunk } from '../types.js';

/** Drops what could end the quoted attribute or forge a delimiter; single `>` path separators stay. */
function attribute(value: string): string {
  return value
    .replace(/["\r\n]/g, ' ')
    .replace(/[<>\uFF1C\uFF1E\uFE64\uFE65]{2,}/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// ASCII brackets and their full-width and small-form look-alikes, optionally spaced out.
const OPEN_RUN = /[<\uFF1C\uFE64](?:\s*[<\uFF1C\uFE64]){2,}/g;
const CLOSE_RUN = />|[\uFF1E\uFE65]/.source;
const CLOSE_RUN_RE = new RegExp(`(?:${CLOSE_RUN})(?:\\s*(?:${CLOSE_RUN})){2,}`, 'g');

/**
 * Any run of 3+ angle brackets (or look-alikes, spaced or not) in retrieved text is written as
 * HTML entities (`&lt;&lt;&lt;`), so a document cannot close its own quote or open a fake one.
 * Other text, including single `<` or `>` as in "RSI > 70", is left exactly as written.
 */
export function neutraliseDelimiters(text: string): string {
  const escape = (run: string) =>
    [...run.replace(/\s+/g, '')].map((c) => (/[<\uFF1C\uFE64]/.test(c) ? '&lt;' : '&gt;')).join('');
  return text.replace(OPEN_RUN, escape).replace(CLOSE_RUN_RE, escape);
}

/**
 * Wraps each hit as quoted data with its provenance, for a prompt:
 *
 *     <<<chunk id=… domain=risk source="knowledge/risk/x.md > Heading">>>
 *     …text…
 *     <<<end>>>
 *
 * The agent's prompt must say that text between these markers is reference material, never
 * instructions. Delimiter look-alikes inside the text are neutralised first.
 */
export function quoteForPrompt(hits: readonly RetrievedChunk[]): string {
  return hits
    .map((hit) => {
      const source = attribute(`${hit.docPath} > ${hit.heading}`);
      return `<<<chunk id=${attribute(hit.chunkId)} domain=${hit.domain} source="${source}">>>\n${neutraliseDelimiters(hit.text)}\n<<<end>>>`;
    })
    .join('\n\n');
}
