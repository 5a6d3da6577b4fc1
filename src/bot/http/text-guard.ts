import type { FastifyInstance } from 'fastify';
import { findUnstorableText } from '../../db/index.js';

/**
 * Refuses, with a 400 naming the field and the character, any request whose JSON body, query or
 * route parameters hold text a database cannot store (a NUL, an unpaired surrogate): see
 * src/db/storable-text.ts. It runs before every route's own checks, so no route, present or
 * future, writes anything for such a request.
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    for (const [part, value] of [
      ['query', request.query],
      ['params', request.params],
      ['body', request.body],
    ] as const) {
      const found = findUnstorableText(value);
      if (!found) continue;
      const where = found.path.join('.');
      return reply.status(400).send({
        error: 'invalid-request',
        message: 'Some fields are missing or invalid.',
        fields: [{ path: where || `(${part})`, message: found.problem.message }],
      });
    }
    return undefined;
  });
}
