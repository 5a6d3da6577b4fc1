// Short, log-safe descriptions of one failed HTTP attempt, shared by every provider client.

/** Short text for one failed HTTP response, from the `{ type: 'error', error: {...} }` body. */
export function describeHttpFailure(status: number, body: string): string {
  let detail = body.slice(0, 300);
  try {
    const json = JSON.parse(body) as { error?: { type?: unknown; message?: unknown } };
    const type = typeof json.error?.type === 'string' ? json.error.type : 'error';
    const message = typeof json.error?.message === 'string' ? json.error.message : '';
    detail = `${type}: ${message}`;
  } catch {
    // Not JSON (a proxy's HTML page, say): the cut body is the most useful thing to keep.
  }
  return `HTTP ${status} ${detail}`;
}

/** Short text for a request that got no HTTP response at all. */
export function describeConnectionFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return `request timed out after ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    cause instanceof Error ? ((cause as Error & { code?: unknown }).code ?? cause.message) : undefined;
  const base = error instanceof Error ? error.message : 'connection failed';
  return `connection error: ${base}${typeof code === 'string' ? ` (${code})` : ''}`;
}
