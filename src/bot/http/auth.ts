import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../../accounts/index.js';
import type { HttpDeps } from './deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set on every /api route except the public ones. */
    caller: Caller;
  }
}

/** Routes anyone may call: liveness, and signing in with a token (which authenticates itself). */
const PUBLIC = new Set(['/api/health']);
export const SESSION_COOKIE = 'tb_session';

const LOOPBACK_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

/** A request from this machine to this machine: loopback peer and a loopback Host header. */
function isLocal(request: FastifyRequest): boolean {
  const peer = request.socket.remoteAddress ?? '';
  const loopbackPeer = peer === '::1' || peer.startsWith('127.') || peer.startsWith('::ffff:127.');
  // The Host check stops a web page from reaching the API through DNS rebinding.
  return loopbackPeer && LOOPBACK_HOSTS.test(request.headers.host ?? '');
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function deny(reply: FastifyReply, status: 401 | 403 | 429, error: string, message: string) {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="trading-buddy"');
  return reply.status(status).send({ error, message });
}

/**
 * Every /api route answers to a caller: a bearer token, a web session (reads only: a cookie
 * rides along on cross-site requests, a bearer header does not), or — while no token exists and
 * API_AUTH=auto — a request from this machine, as the local user. Then the caller's per-minute
 * budget.
 */
export function registerAuth(app: FastifyInstance, deps: HttpDeps): void {
  const { accounts, access } = deps.services;
  app.decorateRequest('caller', undefined as unknown as Caller);
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || PUBLIC.has(path)) return;
    const caller = await resolve(request, path);
    if ('deny' in caller) return deny(reply, caller.status, caller.deny, caller.message);
    request.caller = caller;
    const waitMs = await access.rateLimit.take(caller.userId);
    if (waitMs > 0) {
      reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
      return deny(
        reply,
        429,
        'rate-limited',
        `Too many requests: ${access.rateLimit.perMinute} a minute is the limit. Try again in ${Math.ceil(waitMs / 1000)} s.`,
      );
    }
  });

  type Denial = { deny: string; status: 401 | 403; message: string };
  async function resolve(request: FastifyRequest, path: string): Promise<Caller | Denial> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match?.[1])
        return {
          deny: 'unauthorized',
          status: 401,
          message: 'Send the token as "Authorization: Bearer <token>".',
        };
      const caller = await accounts.fromToken(match[1]);
      return (
        caller ?? {
          deny: 'unauthorized',
          status: 401,
          message: 'That API token is unknown, revoked or expired. `buddy token create` makes a new one.',
        }
      );
    }
    const session = readCookie(request, SESSION_COOKIE);
    if (session !== undefined) {
      const caller = await accounts.fromSession(session);
      if (!caller)
        return { deny: 'unauthorized', status: 401, message: 'Your session has ended. Sign in again.' };
      const signOut = request.method === 'DELETE' && path === '/api/sessions';
      if (request.method !== 'GET' && request.method !== 'HEAD' && !signOut)
        return {
          deny: 'forbidden',
          status: 403,
          message: 'A browser session may only read. Send changes with an API token (Authorization: Bearer).',
        };
      return caller;
    }
    if (access.mode === 'auto' && isLocal(request) && !(await accounts.tokensRequired())) {
      return { userId: access.localUserId, role: 'admin', teamId: 'cli:local', via: 'local' };
    }
    return {
      deny: 'unauthorized',
      status: 401,
      message:
        'This API needs a token: send "Authorization: Bearer <token>". An operator creates one with `buddy token create --user <id>`.',
    };
  }
}
