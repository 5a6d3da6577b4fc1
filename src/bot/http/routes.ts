import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { userError } from '../../errors.js';
import { TradeIntentSchema } from '../../evaluators/index.js';
import { evaluateWithAgents } from '../flows/evaluate.js';
import type { HttpDeps } from './deps.js';
import { registerChartRoutes } from './chart-routes.js';
import { publicChartUrl, publicReply } from './chart-urls.js';
import { evaluationJson } from './evaluation-json.js';
import { registerMarketRoutes } from './market-routes.js';
import { registerReviewRoutes } from './review-routes.js';

const MessageBody = z
  .object({
    user: z.string().min(1).max(200),
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
  userId: z.string().min(1).max(200).default('http:api:anonymous'),
  asOf: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  intent: TradeIntentSchema,
});

const IdParam = z.object({ id: z.uuid('must be an evaluation id (a UUID)') });

export function registerApiRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { services } = deps;
  registerMarketRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerChartRoutes(app, deps);

  app.get('/api/health', async () => ({
    status: 'ok',
    database: deps.databaseKind,
    symbols: (await services.market.listTickers()).length,
    evaluations: await services.evaluations.countEvaluations(),
  }));

  app.post('/api/messages', async (request) => {
    const body = MessageBody.parse(request.body);
    const reply = await deps.conversation.handle({ platform: 'http', ...body });
    return { reply: publicReply(reply) };
  });

  app.post('/api/evaluate', async (request) => {
    const body = EvaluateBody.parse(request.body);
    await services.users.ensureUser({ userId: body.userId, platform: 'http' });
    const { outcome, runs, reply } = await evaluateWithAgents(services, {
      intent: body.intent,
      userId: body.userId,
      asOf: body.asOf
        ? Date.parse(body.asOf.length === 10 ? `${body.asOf}T23:59:59Z` : body.asOf)
        : undefined,
    });
    return {
      ...evaluationJson(outcome),
      agents: runs.map((r) => ({ agent: r.agent, provider: r.provider, recommendation: r.recommendation })),
      reply: publicReply(reply),
    };
  });

  app.get('/api/evaluations/:id/audit', async (request) => {
    const { id } = IdParam.parse(request.params);
    const chain = await services.audit.chain(id);
    if (!chain) throw userError('not-found', `No evaluation ${id}.`);
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
    return found;
  });
}
