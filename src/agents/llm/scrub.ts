const REDACTED = '[redacted]';

// Provider keys look like sk-..., sk-ant-..., sk-proj-...; bearer tokens and x-api-key values may
// be echoed back in proxy error pages, so both header forms are cut as well.
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',;}]+/gi,
  /(x-api-key["']?\s*[:=]\s*["']?)[^\s"',;}]+/gi,
  /\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

export type Scrubber = (text: string) => string;

/**
 * Removes the given secrets verbatim, then anything shaped like a provider key or an auth
 * header value. Secrets shorter than 4 characters are ignored: replacing them would mangle
 * ordinary text without protecting anything.
 */
export function createScrubber(secrets: ReadonlyArray<string | undefined>): Scrubber {
  const literals = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  return (text) => {
    let out = text;
    for (const secret of literals) out = out.split(secret).join(REDACTED);
    for (const pattern of TOKEN_PATTERNS) {
      out = out.replace(pattern, (match, prefix: unknown) =>
        typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
      );
    }
    return out;
  };
}
