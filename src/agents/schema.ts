import { z } from 'zod';

export const AGENT_IDS = ['technical', 'fundamental', 'sentiment', 'risk'] as const;
export type AgentId = (typeof AGENT_IDS)[number];

export const RECOMMENDATIONS = ['BUY', 'SELL', 'HOLD'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** A fact value as the agents see it: every number the ContextPack gave, already rounded. */
export const FactValueSchema = z.union([z.number(), z.string(), z.boolean()]);
export type FactValue = z.infer<typeof FactValueSchema>;

/** What a key factor rests on: one named fact from the ContextPack, or one retrieved passage. */
export const EvidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('feature'),
    name: z.string().min(1).max(64).describe('The fact name exactly as given in the facts block'),
    value: FactValueSchema.describe('The fact value exactly as given in the facts block'),
  }),
  z.object({
    kind: z.literal('chunk'),
    chunkId: z.string().min(1).max(200).describe('The id of a quoted knowledge passage'),
  }),
]);
export type Evidence = z.infer<typeof EvidenceSchema>;

export const KeyFactorSchema = z.object({
  factor: z.string().min(1).max(300),
  evidence: EvidenceSchema,
});
export type KeyFactor = z.infer<typeof KeyFactorSchema>;

/**
 * One agent's view of a trade idea (seed 001's AgentRecommendation), with each key factor tied to
 * the fact or passage it comes from, so an auditor can check it against the record.
 */
export const AgentRecommendationSchema = z.object({
  recommendation: z.enum(RECOMMENDATIONS),
  confidence: z.number().int().min(0).max(100),
  reasoning: z.string().min(1).max(2_000),
  key_factors: z.array(KeyFactorSchema).max(5),
});
export type AgentRecommendation = z.infer<typeof AgentRecommendationSchema>;

/** Confidence of an abstention: low enough that no reader takes it as a view. */
export const ABSTAIN_CONFIDENCE = 10;
export const INSUFFICIENT_PREFIX = 'insufficient data: ';

/** Missing inputs mean no view at all: HOLD at low confidence and the reason, never a guess. */
export function abstain(reason: string, factors: KeyFactor[] = []): AgentRecommendation {
  return AgentRecommendationSchema.parse({
    recommendation: 'HOLD',
    confidence: ABSTAIN_CONFIDENCE,
    reasoning: `${INSUFFICIENT_PREFIX}${reason}`,
    key_factors: factors.slice(0, 5),
  });
}

export function isAbstention(recommendation: AgentRecommendation): boolean {
  return recommendation.reasoning.startsWith(INSUFFICIENT_PREFIX);
}

export function featureEvidence(name: string, value: FactValue): Evidence {
  return { kind: 'feature', name, value };
}

export function chunkEvidence(chunkId: string): Evidence {
  return { kind: 'chunk', chunkId };
}
