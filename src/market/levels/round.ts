/** Rounds to a fixed number of decimals; keeps snapshots stable and readable in JSON. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Rounds a price to about six significant digits of its reference price, never fewer than two
 * decimals: 2 decimals for a $150 stock, 4 for a $1.50 one, 8 for a 0.0012 coin.
 */
export function roundPrice(value: number, reference: number = value): number {
  const magnitude = Math.abs(reference) > 0 ? Math.floor(Math.log10(Math.abs(reference))) : 0;
  return roundTo(value, Math.min(12, Math.max(2, 4 - magnitude)));
}
