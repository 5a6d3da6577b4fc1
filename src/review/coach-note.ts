import type { ExplainInput, ExplainValue, Explainer } from '../agents/explain/index.js';
import type { PostTradeReview } from './types.js';

const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/**
 * The review as the explanation layer's input: the grades and excursions, each finding the
 * trader did not follow with its evidence, and the rule lessons as text. The layer's number
 * check then allows only these numbers, so a phrased lesson cannot invent one.
 */
export function coachNoteInput(review: PostTradeReview): ExplainInput {
  const ex = review.excursions;
  const overview: Record<string, ExplainValue> = {
    processGrade: review.processGrade,
    processScore: review.processScore,
    outcomeGrade: review.outcomeGrade,
    verdict: review.verdict,
    realisedR: r2(review.realisedR),
    pnl: r2(review.pnl),
    maeR: r2(ex.maeR),
    mfeR: r2(ex.mfeR),
    bestExitR: r2(ex.bestExitR),
    capturedPct: ex.capturedPct === null ? null : Math.round(ex.capturedPct),
  };
  const lessons = Object.fromEntries(review.keyLessons.map((text, i) => [`lesson${i + 1}`, text]));
  return {
    symbol: review.symbol,
    side: review.side,
    ...(review.plan
      ? { idea: { entry: review.plan.entry, stop: review.plan.stop, targets: review.plan.targets } }
      : {}),
    modules: [
      {
        id: 'post-trade-review',
        title: 'Post-trade review of the closed trade (process graded apart from the outcome)',
        explainFacts: overview,
      },
      ...review.findings
        .filter((f) => !f.followedPlan)
        .map((f) => ({ id: f.code, title: f.message, explainFacts: f.evidence })),
      { id: 'lessons', title: 'Lessons from the rules', explainFacts: lessons },
    ],
  };
}

/**
 * The lessons phrased by the explanation layer when an LLM is configured and its text passed
 * the grounding and output checks; undefined in rule mode or when the layer fell back to its
 * template (the rule lessons are then shown as they are).
 */
export async function phraseLessons(
  explainer: Explainer,
  review: PostTradeReview,
  ctx: { userId: string; tradeId: string; evalId: string | null },
): Promise<string | undefined> {
  const explanation = await explainer.explain(coachNoteInput(review), {
    userId: ctx.userId,
    requestId: `review:${ctx.tradeId}`,
    ...(ctx.evalId ? { evalId: ctx.evalId } : {}),
  });
  return explanation.source === 'llm' ? explanation.text : undefined;
}
