import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../../errors.js';
import type { HttpDeps } from './deps.js';
import { registerApiRoutes } from './routes.js';
import { registerTextGuard } from './text-guard.js';

export type { HttpDeps } from './deps.js';

/** The HTTP API. Bad JSON and invalid fields answer 400 with what was wrong; nothing is written. */
export function createHttpServer(deps: HttpDeps): FastifyInstance {
  const app = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger, bodyLimit: 256 * 1024 });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof z.ZodError) {
      return reply.status(400).send({
        error: 'invalid-request',
        message: 'Some fields are missing or invalid.',
        fields: error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
      });
    }
    if (isAppError(error) && error.category === 'user') {
      return reply
        .status(error.code === 'not-found' ? 404 : 422)
        .send({ error: error.code, message: error.userMessage, details: error.details });
    }
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    if (status >= 400 && status < 500) {
      const code = (error as { code?: string }).code;
      const message =
        code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? 'The body is not valid JSON.'
          : code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'Send the body as application/json.'
            : code === 'FST_ERR_CTP_BODY_TOO_LARGE'
              ? 'The body is too large (256 KB at most).'
              : 'The request could not be read.';
      return reply.status(status).send({ error: 'bad-request', message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send({ error: 'internal', message: 'Something went wrong on our side. It has been logged.' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'not-found', message: `No route ${request.method} ${request.url}` }),
  );
  registerTextGuard(app);
  registerApiRoutes(app, deps);
  return app;
}
