import { z } from 'zod';
import type { EvaluationRepository } from '../../db/index.js';
import { TradeIntentSchema, type TradeIntent } from '../../evaluators/index.js';

export type IntentLoader = (intentId: string) => Promise<TradeIntent | undefined>;

const IntentId = z.uuid();

/** The intent an Edit button points at, as it was evaluated; undefined for an unknown or malformed id. */
export function createIntentLoader(evaluations: Pick<EvaluationRepository, 'evaluatedIntent'>): IntentLoader {
  return async (intentId) => {
    if (!IntentId.safeParse(intentId).success) return undefined;
    const parsed = TradeIntentSchema.safeParse(await evaluations.evaluatedIntent(intentId));
    return parsed.success ? parsed.data : undefined;
  };
}
