import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { userError } from '../../errors.js';
import { TradeIntentSchema } from '../../evaluators/index.js';
import { evaluateWithAgents } from '../flows/evaluate.js';
import type { HttpDeps } from './deps.js';
import { registerChartRoutes } from './chart-routes.js';
import { publicChartUrl, publicReply } from './chart-urls.js';
import { chartJson, evaluationJson } from './evaluation-json.js';
import { withIdempotency } from './idempotency.js';
import { actingUser, assertCanRead } from './scope.js';
import { registerMarketRoutes } from './market-routes.js';
import { registerReviewRoutes } from './review-routes.js';
import { registerSettingsRoutes } from './settings-routes.js';

const MessageBody = z
  .object({
    /** Acting for another user: admins only. A bare name means the HTTP identity `http:<workspace>:<name>`. */
    user: z.string().min(1).max(200).optional(),
    text: z.string().max(4_000),
    userName: z.string().max(200).optional(),
    workspace: z.string().min(1).max(200).default('api'),
    channel: z.string().min(1).max(200).default('api'),
    thread: z.string().max(200).default(''),
    command: z.string().optional(),
    action: z.object({ id: z.string(), value: z.string() }).optional(),
    deliveryId: z.string().min(1).max(200).optional(),
  })
  .strict();

const EvaluateBody = z.object({
  /** Evaluating for another user: admins only. */
  userId: z.string().min(1).max(200).optional(),
  asOf: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  intent: TradeIntentSchema,
});

const IdParam = z.object({ id: z.uuid('must be an evaluation id (a UUID)') });

export function registerApiRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { services } = deps;
  registerMarketRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerChartRoutes(app, deps);
  registerSettingsRoutes(app, deps);

  app.get('/api/health', async () => {
    const surfaces = deps.surfaces?.surfaces() ?? {};
    return {
      status: Object.values(surfaces).every((s) => s.state === 'up') ? 'ok' : 'degraded',
      database: deps.databaseKind,
      symbols: (await services.market.listTickers()).length,
      evaluations: await services.evaluations.countEvaluations(),
      surfaces,
    };
  });

  app.post('/api/messages', async (request) => {
    const { user, ...body } = MessageBody.parse(request.body);
    const requested = user === undefined || user.includes(':') ? user : `http:${body.workspace}:${user}`;
    const accountId = actingUser(request, requested, 'user');
    const reply = await deps.conversation.handle({
      platform: 'http',
      ...body,
      user: accountId.split(':').at(-1) ?? accountId,
      accountId,
    });
    return { reply: publicReply(reply) };
  });

  app.post('/api/evaluate', async (request, response) => {
    const body = EvaluateBody.parse(request.body);
    const userId = actingUser(request, body.userId, 'userId');
    // Keys are scoped to the caller: one user's key never answers another's request.
    const scope = `POST /api/evaluate ${request.caller.userId} for ${userId}`;
    return withIdempotency(request, response, { keys: services.idempotency }, { scope, body }, async () => {
      await services.users.ensureUser({ userId, platform: userId.split(':')[0] ?? 'http' });
      const { outcome, runs, reply } = await evaluateWithAgents(services, {
        intent: body.intent,
        userId,
        asOf: body.asOf
          ? Date.parse(body.asOf.length === 10 ? `${body.asOf}T23:59:59Z` : body.asOf)
          : undefined,
        chart: 'background',
      });
      return {
        ...evaluationJson(outcome),
        chart: chartJson(await services.evaluation.chartStatus(outcome.evalId)),
        agents: runs.map((r) => ({ agent: r.agent, provider: r.provider, recommendation: r.recommendation })),
        reply: publicReply(reply),
      };
    });
  });

  app.get('/api/evaluations/:id/audit', async (request) => {
    const { id } = IdParam.parse(request.params);
    const chain = await services.audit.chain(id);
    if (!chain) throw userError('not-found', `No evaluation ${id}.`);
    await assertCanRead(services, request, chain.userId, `No evaluation ${id}.`);
    return {
      ...chain,
      charts: chain.charts.map((c) => ({
        ...c,
        imageUrl: publicChartUrl({ chartId: c.chartId, url: c.imageUrl }),
      })),
    };
  });

  app.get('/api/evaluations/:id', async (request) => {
    const { id } = IdParam.parse(request.params);
    const found = await services.evaluations.getEvaluation(id);
    if (!found) throw userError('not-found', `No evaluation ${id}.`);
    await assertCanRead(services, request, found.evaluation.userId, `No evaluation ${id}.`);
    return { ...found, chart: chartJson(await services.evaluation.chartStatus(id)) };
  });
}
