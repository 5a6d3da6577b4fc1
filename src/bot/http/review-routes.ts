import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { StoredReview } from '../../review/index.js';
import { reviewReply } from '../flows/review-reply.js';
import { userError } from '../../errors.js';
import type { HttpDeps } from './deps.js';
import { actingUser, assertCanRead } from './scope.js';

const ReviewBody = z.union(
  [
    z
      .object({ tradeId: z.uuid('must be a trade id (a UUID)'), refresh: z.boolean().default(false) })
      .strict(),
    z
      .object({
        userId: z.string().min(1).max(200),
        symbol: z
          .string()
          .trim()
          .toUpperCase()
          .regex(/^[A-Z0-9.^=-]{1,15}$/, 'must be a ticker symbol like AAPL')
          .optional(),
        refresh: z.boolean().default(false),
      })
      .strict(),
  ],
  { error: 'send { "tradeId": "<uuid>" } or { "userId": "...", "symbol": "AAPL" }' },
);

/** The review as JSON: the seed 004 fields, every number, and the rendered Reply. */
export function reviewJson(review: StoredReview) {
  const { generatedAt, ...rest } = review;
  return {
    ...rest,
    generatedAt: generatedAt.toISOString(),
    openAt: new Date(review.openTs).toISOString(),
    closeAt: new Date(review.closeTs).toISOString(),
    reply: reviewReply(review),
  };
}

/**
 * Seed 004's `POST /postTradeReview`: the stored review of a closed trade, generated when there
 * is none (or on `refresh`). 404 for an unknown trade, 422 while the trade is still open.
 */
export function registerReviewRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { review } = deps.services;
  app.post('/api/post-trade-review', async (request) => {
    const body = ReviewBody.parse(request.body);
    let tradeId: string;
    if ('tradeId' in body) {
      const owner = await review.tradeOwner(body.tradeId);
      const missing = `No trade ${body.tradeId}.`;
      if (!owner) throw userError('not-found', missing);
      await assertCanRead(deps.services, request, owner, missing);
      tradeId = body.tradeId;
    } else {
      await assertCanRead(deps.services, request, body.userId, `No user ${body.userId}.`);
      tradeId = (await review.resolveTrade(body.userId, body.symbol)).tradeId;
    }
    // A refresh writes a new review version: the owner's (or an admin's) to ask for.
    if (body.refresh) actingUser(request, await review.tradeOwner(tradeId), 'refresh');
    return reviewJson(await review.review(tradeId, { refresh: body.refresh }));
  });
}
