import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { userError } from '../../errors.js';
import { readCookie, SESSION_COOKIE } from './auth.js';
import type { HttpDeps } from './deps.js';

const NewToken = z
  .object({
    name: z.string().trim().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();

const TokenRef = z.object({ ref: z.string().min(1).max(100) });

/**
 * The caller's own tokens and browser session. Tokens are made only by a caller who already
 * holds one (or the local user): a browser session cannot mint credentials.
 */
export function registerAccountRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { accounts } = deps.services;
  const notFromBrowser = (via: string) => {
    if (via === 'session')
      throw userError(
        'forbidden',
        'Tokens are managed with an API token or `buddy token`, not a browser session.',
      );
  };

  app.get('/api/tokens', async (request) => ({
    tokens: (await accounts.listTokens(request.caller.userId)).map((t) => ({
      id: t.tokenId,
      name: t.name,
      prefix: t.prefix,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt?.toISOString() ?? null,
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      revoked: t.revokedAt !== null,
    })),
  }));

  app.post('/api/tokens', async (request, reply) => {
    notFromBrowser(request.caller.via);
    const body = NewToken.parse(request.body);
    const { token, row } = await accounts.createToken({ userId: request.caller.userId, ...body });
    reply.header('cache-control', 'no-store');
    return {
      id: row.tokenId,
      name: row.name,
      prefix: row.prefix,
      token,
      note: 'This is the only time the token is shown: keep it somewhere safe.',
    };
  });

  app.delete('/api/tokens/:ref', async (request) => {
    notFromBrowser(request.caller.via);
    const { ref } = TokenRef.parse(request.params);
    const row = await accounts.revokeToken(request.caller.userId, ref);
    return { id: row.tokenId, prefix: row.prefix, revoked: true };
  });

  /** Signs a browser in: the session id goes only into an httpOnly, same-site cookie. */
  app.post('/api/sessions', async (request, reply) => {
    if (request.caller.via !== 'token' && request.caller.via !== 'local')
      throw userError('forbidden', 'Sign in with an API token (Authorization: Bearer).');
    const { sessionId, expiresAt } = await accounts.startSession(request.caller.userId);
    const secure = request.protocol === 'https' ? '; Secure' : '';
    reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=${sessionId}; HttpOnly; SameSite=Strict; Path=/; Expires=${expiresAt.toUTCString()}${secure}`,
    );
    return { userId: request.caller.userId, expiresAt: expiresAt.toISOString() };
  });

  app.delete('/api/sessions', async (request, reply) => {
    const session = readCookie(request, SESSION_COOKIE);
    if (session) await accounts.endSession(session);
    reply.header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    return { signedOut: true };
  });

  app.get('/api/me', async (request) => {
    const { caller } = request;
    const owner = await accounts.owner(caller.userId);
    return {
      userId: caller.userId,
      role: caller.role,
      teamId: caller.teamId,
      via: caller.via,
      shareWithTeam: owner?.shareWithTeam ?? 'summary',
    };
  });
}
