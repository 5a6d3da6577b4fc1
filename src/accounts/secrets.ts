import { createHash, randomBytes } from 'node:crypto';

/** Personal API tokens read `tb_` + 43 URL-safe characters (256 random bits). */
export const TOKEN_PREFIX = 'tb_';
const TOKEN_PATTERN = /^tb_[A-Za-z0-9_-]{43}$/;

export function newToken(): { token: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, prefix: token.slice(0, 11) };
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** A web session id: 256 random bits, URL-safe. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens and session ids are stored as SHA-256 digests: they are random and long, so a slow
 * password hash would add nothing, and a lookup by digest needs no constant-time compare.
 */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
