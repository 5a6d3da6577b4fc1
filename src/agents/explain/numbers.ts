import { labelOf } from './templates.js';

/**
 * The grounding check: every number in an explanation must come from the facts. Handles
 * thousands separators (1,234.5), signs (-2.1, −2.1), percentages (12% of 0.12 or of 12),
 * multiples (3R, 1.5x) and k/M/B suffixes, with a tolerance of half the last digit shown,
 * so "2.2" matches 2.2049 but "2.3" does not.
 */
export interface NumberToken {
  /** As written, e.g. "1,234.5" or "12%". */
  raw: string;
  value: number;
  /** Digits after the decimal point as written: sets the rounding tolerance. */
  decimals: number;
  unit: '' | '%' | 'R' | 'x' | 'k' | 'M' | 'B';
}

const SCALE = { '': 1, '%': 1, R: 1, x: 1, k: 1e3, M: 1e6, B: 1e9 } as const;

// Not preceded by a letter, digit, underscore or dot: "EMA50" and "v1.2.3" are names, not numbers.
const NUMBER =
  /(?<![\p{L}\p{N}_.])([-−+]?)\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(%|R(?![\p{L}])|x(?![\p{L}])|×|k(?![\p{L}])|K(?![\p{L}])|M(?![\p{L}])|B(?![\p{L}])|bn(?![\p{L}])))?/gu;

function unitOf(suffix: string | undefined): NumberToken['unit'] {
  switch (suffix) {
    case '%':
      return '%';
    case 'R':
      return 'R';
    case 'x':
    case '×':
      return 'x';
    case 'k':
    case 'K':
      return 'k';
    case 'M':
      return 'M';
    case 'B':
    case 'bn':
      return 'B';
    default:
      return '';
  }
}

export function extractNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const [raw, sign = '', whole = '0', fraction] = m;
    const magnitude = Number(`${whole.replace(/,/g, '')}${fraction ? `.${fraction}` : ''}`);
    const negative = sign === '-' || sign === '−';
    out.push({
      raw: raw.trim(),
      value: negative ? -magnitude : magnitude,
      decimals: fraction?.length ?? 0,
      unit: unitOf(m[4]),
    });
  }
  return out;
}

/**
 * Every number inside a string, read both loosely ("rsi14" gives 14, "2020-04-17" gives 2020,
 * 4, 17) and as the checker reads text ("1.5k" gives 1500), so repeating it verbatim passes.
 */
export function numbersInString(text: string): number[] {
  const loose = [...text.matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  return [...loose, ...extractNumbers(text).map((t) => t.value * SCALE[t.unit])];
}

// Scale words a sentence needs whatever the facts: "0 issues", "1R", "out of 100".
export const IMPLICIT_NUMBERS: readonly number[] = [0, 1, 100];

/** The numbers a text may use: numeric values, numbers inside string values, and in the keys. */
export function allowedNumbers(facts: unknown, extra: readonly number[] = IMPLICIT_NUMBERS): number[] {
  const out = new Set<number>(extra);
  const walk = (value: unknown, key?: string) => {
    // Keys are read as written and as the template spells them ("ema50" -> "EMA 50").
    if (key !== undefined) for (const n of numbersInString(`${key} ${labelOf(key)}`)) out.add(n);
    if (typeof value === 'number' && Number.isFinite(value)) out.add(value);
    else if (typeof value === 'string') for (const n of numbersInString(value)) out.add(n);
    else if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value !== null && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(facts);
  return [...out];
}

function close(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance + 1e-9 * Math.max(1, Math.abs(b));
}

/** Whether a written number is some fact, rounded as written (sign ignored: "down 2.1%" for -2.1). */
export function supported(token: NumberToken, facts: readonly number[]): boolean {
  const scale = SCALE[token.unit];
  const value = Math.abs(token.value) * scale;
  const tolerance = 0.5 * 10 ** -token.decimals * scale;
  return facts.some((fact) => {
    const f = Math.abs(fact);
    if (close(value, f, tolerance)) return true;
    // 12% may be written from a fraction (0.12) as well as from a percentage (12).
    return token.unit === '%' && close(value, f * 100, tolerance);
  });
}

export interface NumberCheck {
  ok: boolean;
  tokens: NumberToken[];
  unsupported: NumberToken[];
}

export function checkNumbers(text: string, facts: readonly number[]): NumberCheck {
  const tokens = extractNumbers(text);
  const unsupported = tokens.filter((t) => !supported(t, facts));
  return { ok: unsupported.length === 0, tokens, unsupported };
}
