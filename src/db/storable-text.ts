/**
 * Text Postgres can store. Postgres rejects U+0000 in `text` and `jsonb` ("invalid byte
 * sequence" / "unsupported Unicode escape sequence"), and a lone UTF-16 surrogate cannot be
 * encoded as UTF-8 (`jsonb` rejects its `\ud800` escape; a `text` column would silently get
 * U+FFFD). Neither is something a trader types, and cleaning them would change what is stored
 * in the audit record without saying so, so every boundary rejects them instead (HTTP 400, or
 * a chat reply naming the field and the character) before anything is written.
 */

export interface UnstorableCharacter {
  /** Index of the offending UTF-16 code unit. */
  index: number;
  /** e.g. "a NUL character (U+0000)". */
  character: string;
  /** What was wrong and what is accepted, for the trader. */
  message: string;
}

// Without the `u` flag a regex sees UTF-16 code units, so a lone surrogate is matchable.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character of `text` that cannot be stored, or undefined when all of it can. */
export function unstorableCharacter(text: string): UnstorableCharacter | undefined {
  const match = UNSTORABLE.exec(text);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  const character = code === 0 ? 'a NUL character (U+0000)' : `an unpaired UTF-16 surrogate (${hex(code)})`;
  return {
    index: match.index,
    character,
    message: `contains ${character} at position ${match.index + 1}; text may contain any character except NUL and unpaired surrogates`,
  };
}

/** For zod: `z.string().superRefine(refineStorable)` adds the message above as an issue. */
export function refineStorable(
  value: string,
  ctx: { addIssue(issue: { code: 'custom'; message: string }): void },
): void {
  const problem = unstorableCharacter(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message });
}

/**
 * Walks parsed JSON (strings, arrays, plain objects; keys included) and returns the path and
 * problem of the first string that cannot be stored. Anything else (numbers, buffers) is skipped.
 */
export function findUnstorableText(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; problem: UnstorableCharacter } | undefined {
  if (typeof value === 'string') {
    const problem = unstorableCharacter(value);
    return problem ? { path, problem } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = unstorableCharacter(key);
      if (keyProblem)
        return {
          path: [...path, key],
          problem: { ...keyProblem, message: `its name ${keyProblem.message}` },
        };
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
