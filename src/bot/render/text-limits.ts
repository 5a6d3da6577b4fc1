/** Shown where a renderer cut text to fit a platform limit, so a reader knows something is missing. */
export const CUT_MARKER = '… [truncated]';

/**
 * Limits are counted in UTF-16 code units (JavaScript length): never fewer than the characters
 * Slack or Discord count, so a text within the limit here is within it there. A cut never splits
 * a surrogate pair.
 */
export function truncate(text: string, max: number, marker = CUT_MARKER): string {
  if (text.length <= max) return text;
  if (max <= marker.length) return safeSlice(marker, max);
  return `${safeSlice(text, max - marker.length).trimEnd()}${marker}`;
}

/** Cuts at `end` or one earlier when `end` would fall inside a surrogate pair. */
export function safeSlice(text: string, end: number): string {
  if (end <= 0) return '';
  if (end >= text.length) return text;
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

/**
 * Splits text into chunks of at most `max` code units, preferring line breaks, then spaces;
 * no text is lost: joining the chunks gives the input back.
 */
export function splitText(text: string, max: number, unsafeTail?: RegExp): string[] {
  if (max < 2) throw new RangeError('splitText needs room for at least 2 code units');
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = safeSlice(rest, max);
    const newline = window.lastIndexOf('\n');
    const space = window.lastIndexOf(' ');
    let cut = newline > max / 2 ? newline + 1 : space > max / 2 ? space + 1 : window.length;
    // e.g. half an HTML entity at the end of a chunk: start the next chunk with it instead.
    const tail = unsafeTail?.exec(rest.slice(0, cut));
    if (tail && tail.index > 0) cut = tail.index;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** Slack mrkdwn treats &, < and > as control characters; user and model text shows them literally. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Matches half an entity such as "&am" at the end of escaped Slack text. */
export const PARTIAL_ENTITY = /&[a-z]{0,4}$/;

/** Truncation for already-escaped Slack text: never leaves half an entity such as "&am". */
export function truncateEscaped(text: string, max: number, marker = CUT_MARKER): string {
  const cut = truncate(text, max, marker);
  if (cut === text || !cut.endsWith(marker)) return cut;
  const body = cut.slice(0, cut.length - marker.length);
  const broken = PARTIAL_ENTITY.exec(body);
  return broken ? `${body.slice(0, broken.index)}${marker}` : cut;
}
