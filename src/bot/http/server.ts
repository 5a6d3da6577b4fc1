import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isAppError } from '../../errors.js';
import type { HttpDeps } from './deps.js';
import { registerAccountRoutes } from './account-routes.js';
import { registerAuth } from './auth.js';
import { registerApiRoutes } from './routes.js';
import { registerTextGuard } from './text-guard.js';

export type { HttpDeps } from './deps.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the server serves (method and URL pattern), e.g. for the isolation test's coverage. */
    routeTable: readonly { method: string; url: string }[];
  }
}

/** User errors whose code has its own HTTP status; every other user error is a 422. */
const USER_ERROR_STATUS: Record<string, number> = {
  'not-found': 404,
  unauthorized: 401,
  forbidden: 403,
  'rate-limited': 429,
};

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
        .status(USER_ERROR_STATUS[error.code] ?? 422)
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
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.decorate('routeTable', routes);
  registerTextGuard(app);
  registerAuth(app, deps);
  registerApiRoutes(app, deps);
  registerAccountRoutes(app, deps);
  return app;
}
