import type { Scrubber } from './scrub.js';
import type { LlmLogger } from './types.js';

function clean(value: unknown, scrub: Scrubber): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value instanceof Error) return scrub(`${value.name}: ${value.message}`);
  if (typeof value === 'object' && value !== null) {
    try {
      return scrub(JSON.stringify(value));
    } catch {
      return '[unserialisable]';
    }
  }
  return value;
}

/** Wraps a logger so nothing shaped like a credential reaches it, whatever the SDK logs. */
export function scrubbingLogger(logger: LlmLogger, scrub: Scrubber): LlmLogger {
  const wrap =
    (write: (message: string, ...rest: unknown[]) => void) =>
    (message: string, ...rest: unknown[]) =>
      write(scrub(message), ...rest.map((r) => clean(r, scrub)));
  return {
    debug: wrap(logger.debug.bind(logger)),
    info: wrap(logger.info.bind(logger)),
    warn: wrap(logger.warn.bind(logger)),
    error: wrap(logger.error.bind(logger)),
  };
}
