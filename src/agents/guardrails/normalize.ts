/**
 * Readings of one text for pattern matching. Attackers hide instructions behind look-alike
 * letters, invisible characters, spacing, leetspeak and encodings; each reading undoes one of
 * those so the same patterns catch the disguised form. Hand-written because the few npm
 * "prompt injection" packages are classifiers with model downloads, not transparent rules.
 */
export interface Reading {
  via: string;
  text: string;
}

// Invisible format characters (zero-width, bidi controls, soft hyphen, word joiner, BOM).
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// Unicode "tag" characters mirror ASCII invisibly (U+E0020..U+E007E): "ASCII smuggling".
const TAG_CHARS = /[\u{E0020}-\u{E007E}]/gu;

// Cyrillic and Greek letters that render like Latin ones.
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ɡ: 'g',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ς: 's',
};
const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '+': 't',
};

const LATIN = /[a-z]/;

/**
 * NFKC (full-width, math alphanumerics, ligatures), invisible characters out, curly quotes
 * straightened, lower case, and look-alike letters mapped inside words that mix them with
 * Latin ones ("ignоre" with a Cyrillic o). Words wholly in Cyrillic or Greek stay as they
 * are, so Russian text still reads as Russian; the 'homoglyph' reading maps those too.
 */
export function canonical(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(TAG_CHARS, '')
    .replace(/[\u2018\u2019\u02BC\u2032]/g, "'")
    .toLowerCase()
    .replace(/\p{L}+/gu, (word) => (LATIN.test(word) ? mapHomoglyphs(word) : word));
}

function mapHomoglyphs(text: string): string {
  return text.replace(HOMOGLYPH_RE, (c) => HOMOGLYPHS[c] ?? c);
}

function decodeTags(text: string): string {
  const hidden = [...text.matchAll(TAG_CHARS)].map((m) =>
    String.fromCodePoint((m[0].codePointAt(0) ?? 0xe0020) - 0xe0000),
  );
  return hidden.join('');
}

function mostlyPrintable(text: string): boolean {
  if (text.length < 6) return false;
  const printable = [...text].filter((c) => /[\p{L}\p{N}\p{P}\p{Zs}\n]/u.test(c)).length;
  return printable / [...text].length >= 0.9;
}

function decodeBase64Runs(text: string): string {
  const out: string[] = [];
  for (const match of text.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    const decoded = Buffer.from(match[0].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    if (mostlyPrintable(decoded)) out.push(decoded);
  }
  return out.join('\n');
}

function decodeHexRuns(text: string): string {
  const out: string[] = [];
  for (const match of text.matchAll(/(?:\\x|0x)?(?:[0-9a-fA-F]{2}(?:\s|\\x|,\s?)?){8,}/g)) {
    const hex = match[0].replace(/\\x|0x|[\s,]/g, '');
    if (hex.length % 2 !== 0) continue;
    const decoded = Buffer.from(hex, 'hex').toString('utf8');
    if (mostlyPrintable(decoded)) out.push(decoded);
  }
  return out.join('\n');
}

function decodeEntitiesAndPercent(text: string): string {
  const entities = text
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)));
  return entities.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function rot13(text: string): string {
  return text.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

/** Letters only, so "i g n o r e", "i.g.n.o.r.e" and "ig-nore" all read "ignore". */
export function squash(text: string): string {
  return text.replace(/[^\p{L}]+/gu, '');
}

/**
 * Every reading worth matching. 'plain' is the canonical text; the others exist only when they
 * differ from it, so a finding's `via` says which disguise was undone.
 */
export function readings(text: string): Reading[] {
  const plain = canonical(text);
  const out: Reading[] = [{ via: 'plain', text: plain }];
  const add = (via: string, candidate: string) => {
    const c = canonical(candidate);
    if (c.trim().length > 0 && c !== plain && !out.some((r) => r.text === c)) out.push({ via, text: c });
  };
  add('unicode-tags', decodeTags(text));
  add('encoded-entities', decodeEntitiesAndPercent(text));
  add('base64', decodeBase64Runs(text));
  add('hex', decodeHexRuns(text));
  add('homoglyph', mapHomoglyphs(plain));
  add(
    'leet',
    plain.replace(/[0134578@$!|+]/g, (c) => LEET[c] ?? c),
  );
  add('rot13', rot13(plain));
  add('reversed', [...plain].reverse().join(''));
  return out;
}
