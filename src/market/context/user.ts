import { z } from 'zod';

/** The least severe finding shown to the trader; the stored evaluation keeps them all. */
export const STRICTNESS = ['low', 'medium', 'high'] as const;
export type Strictness = (typeof STRICTNESS)[number];

/**
 * The trader's limits as the evaluators read them, after inheritance (start-up defaults, team
 * defaults, their own settings: src/accounts/settings). `strictness` and `disabledModules` are
 * optional: absent means every finding from low up is shown and every module runs.
 */
export const UserRulesSchema = z
  .object({
    maxRiskPct: z.number().positive().max(100),
    minRewardRisk: z.number().positive().max(20),
    maxPositionPct: z.number().positive().max(1000),
    requireStop: z.boolean(),
    strictness: z.enum(STRICTNESS).optional(),
    /** Percent of equity the trader may lose in a day; absent = no daily check. */
    dailyLossLimitPct: z.number().positive().max(100).optional(),
    disabledModules: z.array(z.string()).optional(),
  })
  .strict();

export type UserRules = z.infer<typeof UserRulesSchema>;

export interface UserContext {
  userId: string;
  equity: number;
  equityIsDefault: boolean;
  rules: UserRules;
  /** The trader's `user_rules` version in force; 0 when they have set nothing. */
  rulesVersion: number;
  /** Their team's `team_rules` version in force; 0 or absent when the team has no defaults. */
  teamRulesVersion?: number;
}

export function defaultRules(defaults: { maxRiskPct: number; minRewardRisk: number }): UserRules {
  return {
    maxRiskPct: defaults.maxRiskPct,
    minRewardRisk: defaults.minRewardRisk,
    maxPositionPct: 100,
    requireStop: true,
  };
}
