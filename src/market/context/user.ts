import { z } from 'zod';

/** A trader's own limits. Stored in `user_rules`; every field has a sensible default. */
export const UserRulesSchema = z
  .object({
    maxRiskPct: z.number().positive().max(100),
    minRewardRisk: z.number().positive().max(20),
    maxPositionPct: z.number().positive().max(1000),
    requireStop: z.boolean(),
  })
  .strict();

export type UserRules = z.infer<typeof UserRulesSchema>;

export interface UserContext {
  userId: string;
  equity: number;
  equityIsDefault: boolean;
  rules: UserRules;
  rulesVersion: number;
}

export function defaultRules(defaults: { maxRiskPct: number; minRewardRisk: number }): UserRules {
  return {
    maxRiskPct: defaults.maxRiskPct,
    minRewardRisk: defaults.minRewardRisk,
    maxPositionPct: 100,
    requireStop: true,
  };
}
