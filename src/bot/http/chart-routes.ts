import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { userError } from '../../errors.js';
import type { HttpDeps } from './deps.js';
import { assertCanRead } from './scope.js';

const ChartParams = z.object({
  file: z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.png$/i,
      'must be a chart id (a UUID) followed by .png',
    ),
});

/** `GET /api/charts/:chartId.png`: the stored chart image of an evaluation, as image/png. */
export function registerChartRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.get('/api/charts/:file', async (request, reply) => {
    const chartId = ChartParams.parse(request.params).file.slice(0, -'.png'.length).toLowerCase();
    const image = await deps.services.chartImages.find(chartId);
    const missing = `No chart ${chartId}.`;
    if (!image) throw userError('not-found', missing);
    // Another user's chart answers exactly as a missing one.
    if (image.ownerUserId) await assertCanRead(deps.services, request, image.ownerUserId, missing);
    else if (request.caller.role !== 'admin') throw userError('not-found', missing);
    return reply
      .header('content-type', image.contentType)
      .header('cache-control', 'private, max-age=86400, immutable')
      .send(image.bytes);
  });
}
