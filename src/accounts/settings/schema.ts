import { z } from 'zod';
import { EVALUATORS } from '../../evaluators/index.js';
import { STRICTNESS } from '../../market/context/index.js';

export const NUDGE_SENSITIVITY = ['off', 'low', 'normal', 'high'] as const;
/**
 * What of a trader's goes to team channels (the daily summary): everything, their trades and
 * evaluations without their journal notes, or nothing.
 */
export const DISCLOSURE = ['full', 'summary', 'private'] as const;

/** The modules a trader may switch off: every registered evaluator. */
export const MODULE_IDS: readonly string[] = EVALUATORS.map((e) => e.id);
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Bounds a setting must stay within; the messages below quote them. */
export const LIMITS = {
  equity: { max: 1e12 },
  maxRiskPct: { max: 10 },
  dailyLossLimitPct: { max: 50 },
  minRewardRisk: { min: 0.1, max: 20 },
  maxPositionPct: { max: 1000 },
} as const;

const num = (what: string) =>
  z.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be a finite number`);
const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: (i) => `${what} "${String(i.input)}" is not one of ${values.join(', ')}` });

/**
 * Every setting, with the rule it must meet. A stored or submitted settings object holds only
 * the keys that were set; `null` in a change means "inherit again".
 */
export const SettingsSchema = z
  .object({
    equity: num('equity').pipe(
      z
        .number()
        .positive('equity must be above 0')
        .max(LIMITS.equity.max, 'equity is at most 1,000,000,000,000'),
    ),
    baseCurrency: z
      .string({ error: 'currency must be a three-letter code such as USD, EUR or GBP' })
      .trim()
      .toUpperCase()
      .refine((c) => CURRENCIES.has(c), {
        error: (i) =>
          `currency "${String(i.input)}" is not an ISO 4217 code: use one such as USD, EUR, GBP, JPY, CHF, CAD or AUD`,
      }),
    maxRiskPct: num('max risk per trade').pipe(
      z
        .number()
        .positive('max risk per trade must be above 0%')
        .max(LIMITS.maxRiskPct.max, `max risk per trade is at most ${LIMITS.maxRiskPct.max}% of equity`),
    ),
    dailyLossLimitPct: num('daily loss limit').pipe(
      z
        .number()
        .positive('daily loss limit must be above 0%')
        .max(
          LIMITS.dailyLossLimitPct.max,
          `daily loss limit is at most ${LIMITS.dailyLossLimitPct.max}% of equity`,
        ),
    ),
    minRewardRisk: num('min reward:risk').pipe(
      z
        .number()
        .min(LIMITS.minRewardRisk.min, `min reward:risk is at least ${LIMITS.minRewardRisk.min}R`)
        .max(LIMITS.minRewardRisk.max, `min reward:risk is at most ${LIMITS.minRewardRisk.max}R`),
    ),
    maxPositionPct: num('max position').pipe(
      z
        .number()
        .positive('max position must be above 0% of equity')
        .max(LIMITS.maxPositionPct.max, `max position is at most ${LIMITS.maxPositionPct.max}% of equity`),
    ),
    requireStop: z.boolean({ error: 'stop required is yes or no' }),
    strictness: oneOf(STRICTNESS, 'strictness'),
    nudgeSensitivity: oneOf(NUDGE_SENSITIVITY, 'nudge sensitivity'),
    disabledModules: z
      .array(z.string({ error: 'modules are named by their ids' }), {
        error: 'modules off is a list of module ids',
      })
      .superRefine((ids, ctx) => {
        if (MODULE_IDS.every((id) => ids.includes(id)))
          ctx.addIssue({
            code: 'custom',
            message: 'at least one module must stay on: with none, nothing is checked',
          });
        for (const id of ids)
          if (!MODULE_IDS.includes(id))
            ctx.addIssue({
              code: 'custom',
              message: `unknown module "${id}": the modules are ${MODULE_IDS.join(', ')}`,
            });
      })
      .transform((ids) => [...new Set(ids)].sort()),
    disclosure: oneOf(DISCLOSURE, 'disclosure'),
  })
  .strict();

export type Settings = z.output<typeof SettingsSchema>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as SettingKey[];

/** How each setting is named to a trader, in the order it is shown. */
export const SETTING_LABELS: Record<SettingKey, string> = {
  equity: 'equity',
  baseCurrency: 'currency',
  maxRiskPct: 'max risk per trade',
  dailyLossLimitPct: 'daily loss limit',
  minRewardRisk: 'min reward:risk',
  maxPositionPct: 'max position',
  requireStop: 'stop required',
  strictness: 'strictness',
  nudgeSensitivity: 'nudge sensitivity',
  disabledModules: 'modules off',
  disclosure: 'disclosure',
};

/** The start-up defaults: what everyone has until their team or they themselves set otherwise. */
export function startupSettings(defaults: {
  equity: number;
  maxRiskPct: number;
  minRewardRisk: number;
}): Settings {
  return {
    equity: defaults.equity,
    baseCurrency: 'USD',
    maxRiskPct: defaults.maxRiskPct,
    dailyLossLimitPct: 3,
    minRewardRisk: defaults.minRewardRisk,
    maxPositionPct: 100,
    requireStop: true,
    strictness: 'low',
    nudgeSensitivity: 'normal',
    disabledModules: [],
    disclosure: 'full',
  };
}
