/**
 * Reads a price or quantity as traders type it: 185, 185.50, $185, 2,870, 1.5k, 2k, 1m.
 * A negative number or one in exponent form (-5, 1e300, 1e309) is read too, possibly as
 * Infinity, so that the idea's checks refuse it by name instead of the token vanishing.
 */
export function parseAmount(token: string): number | undefined {
  const text = token
    .trim()
    .toLowerCase()
    .replace(/^\$|\$$/g, '')
    .replace(/^(usd)/, '');
  const signed = /^-(?=[\d.])/.test(text) ? parseAmount(text.slice(1)) : undefined;
  if (signed !== undefined) return -signed;
  if (/^(\d+(\.\d*)?|\.\d+)e[+-]?\d+$/.test(text)) return Number(text);
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(k|m)?$/.exec(text) ?? /^()\.(\d+)(k|m)?$/.exec(text);
  if (!match) return undefined;
  const whole = (match[1] ?? '').replace(/,/g, '') || '0';
  const value = Number(`${whole}.${match[2] ?? '0'}`);
  const multiplier = match[3] === 'k' ? 1_000 : match[3] === 'm' ? 1_000_000 : 1;
  return value * multiplier;
}

/** Reads a percentage: "1%", "0.5%", "1 %" (as two tokens handled by the caller), "1pct". */
export function parsePercent(token: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*(%|pct|percent)$/.exec(token.trim().toLowerCase());
  if (!match) return undefined;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : undefined;
}
