import { textReply } from '../types.js';
import { reviewReply } from './review-reply.js';
import type { Flow } from './types.js';

export const REVIEW_USAGE =
  '`/review` (your latest closed trade), `/review TCHA` (latest closed TCHA trade) or `/review <trade id>`; add `refresh` to regenerate.';

/** `/review [SYMBOL|trade id] [refresh]`: the post-trade review of a closed trade, stored once and shown from the record. */
export const reviewFlow: Flow = {
  id: 'review',
  async run(ctx, args) {
    const words = args.trim().split(/\s+/).filter(Boolean);
    const refresh = words.some((w) => w.toLowerCase() === 'refresh');
    const refs = words.filter((w) => w.toLowerCase() !== 'refresh');
    if (refs.length > 1)
      return {
        reply: {
          ...textReply('Which trade?', `I can review one trade at a time, not "${refs.join(' ')}".`, 'error'),
          sections: [{ heading: 'Usage', text: REVIEW_USAGE }],
        },
      };
    const trade = await ctx.services.review.resolveTrade(ctx.userId, refs[0]);
    return { reply: reviewReply(await ctx.services.review.review(trade.tradeId, { refresh })) };
  },
};
