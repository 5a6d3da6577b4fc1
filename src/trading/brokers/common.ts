/** A broker file or answer that cannot be read at all: nothing of it is imported. */
export class BrokerFileError extends Error {
  override name = 'BrokerFileError';
}

const SYMBOL = /^[A-Z0-9.^=/-]{1,15}$/;

/** Upper-cased ticker, or undefined when it is not one (option descriptions, blanks). */
export function stockSymbol(raw: string): string | undefined {
  const symbol = raw.trim().toUpperCase();
  return SYMBOL.test(symbol) ? symbol : undefined;
}
