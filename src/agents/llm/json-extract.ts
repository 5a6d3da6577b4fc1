// Hand-written rather than a "JSON repair" library on purpose: a repaired answer would hide
// a broken model output that must instead fail validation and be re-asked.

const FENCE = /```(?:json|JSON)?[ \t]*\r?\n([\s\S]*?)```/g;

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** End index (inclusive) of the balanced object starting at `start`, ignoring braces in strings. */
function balancedEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return undefined;
}

/**
 * Finds the JSON object in a free-text model answer: the whole text if it is JSON, else the
 * first fenced block that parses, else the first balanced `{...}` that parses.
 */
export function extractJson(text: string): { found: true; value: unknown } | { found: false } {
  const whole = tryParse(text.trim());
  if (whole.ok) return { found: true, value: whole.value };

  for (const match of text.matchAll(FENCE)) {
    const parsed = tryParse((match[1] ?? '').trim());
    if (parsed.ok) return { found: true, value: parsed.value };
  }

  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    const end = balancedEnd(text, start);
    if (end === undefined) continue;
    const parsed = tryParse(text.slice(start, end + 1));
    if (parsed.ok) return { found: true, value: parsed.value };
  }
  return { found: false };
}
