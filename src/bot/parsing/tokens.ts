import { digitsForNumberWords } from './number-words.js';

export interface Token {
  /** Lower-cased text. */
  text: string;
  /** The text as typed (symbols are recognised by their case). */
  raw: string;
}

/**
 * Splits chat text into tokens: `key=value` and `key:value` become two tokens, commas,
 * semicolons, pipes and brackets separate, "2,870" stays one number, "@185" becomes "@ 185", "1 %" becomes "1%",
 * and spelled-out quantities become digits ("half a percent" -> "0.5%").
 */
export function tokenize(input: string): Token[] {
  const text = digitsForNumberWords(input)
    .replace(/(\d),(\d{3})(?!\d)/g, '$1\u0000$2')
    .replace(/[,;|()[\]]+/g, ' ')
    .replace(/\u0000/g, ',')
    .replace(/([a-zA-Z])[=:](?=\S)/g, '$1 ')
    .replace(/[=:](\s)/g, '$1')
    .replace(/@/g, ' @ ')
    .replace(/(\d)\s+(%|pct\b|percent\b)/gi, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return [];
  return text.split(' ').map((raw) => ({
    raw: raw.replace(/[.!?]+$/, '') || raw,
    text: (raw.replace(/[.!?]+$/, '') || raw).toLowerCase(),
  }));
}
