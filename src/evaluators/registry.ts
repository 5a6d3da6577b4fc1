import { z } from 'zod';
import type { Evaluator } from './types.js';

export interface ModuleSettings {
  enabled: boolean;
  weight: number;
  config: Record<string, unknown>;
}

export interface RegisteredEvaluator {
  evaluator: Evaluator<Record<string, unknown>>;
  settings: ModuleSettings;
}

export interface Registry {
  modules: RegisteredEvaluator[];
  /** Changes whenever a module version or any setting changes; stored with every evaluation. */
  configVersion: string;
  maxIssuesShown: number;
}

const OverrideSchema = z
  .object({
    enabled: z.boolean().optional(),
    weight: z.number().min(0).max(10).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/**
 * Builds the registry from the explicit module list. A duplicate id or an invalid setting fails
 * here, at boot, naming the module.
 */
export function createRegistry(
  evaluators: readonly Evaluator<Record<string, unknown>>[],
  overrides: Record<string, unknown> = {},
  options: { maxIssuesShown?: number } = {},
): Registry {
  const seen = new Set<string>();
  for (const e of evaluators) {
    if (seen.has(e.id)) throw new Error(`duplicate evaluator id "${e.id}" in the registry`);
    seen.add(e.id);
  }
  for (const id of Object.keys(overrides)) {
    if (!seen.has(id))
      throw new Error(`settings given for unknown evaluator "${id}" (known: ${[...seen].join(', ')})`);
  }
  const maxIssuesShown = options.maxIssuesShown ?? 5;
  // Integer check too: NaN passed the range test and then no issue was ever shown.
  if (!Number.isInteger(maxIssuesShown) || maxIssuesShown < 3 || maxIssuesShown > 6)
    throw new Error(`maxIssuesShown must be a whole number from 3 to 6, got ${maxIssuesShown}`);
  const modules = evaluators.map((evaluator) => {
    const override = OverrideSchema.safeParse(overrides[evaluator.id] ?? {});
    if (!override.success)
      throw new Error(`invalid settings for evaluator "${evaluator.id}": ${override.error.message}`);
    const merged = { ...evaluator.defaults, ...(override.data.config ?? {}) };
    const config = evaluator.configSchema.safeParse(merged);
    if (!config.success)
      throw new Error(`invalid config for evaluator "${evaluator.id}": ${config.error.message}`);
    return {
      evaluator,
      settings: {
        enabled: override.data.enabled ?? true,
        weight: override.data.weight ?? evaluator.defaultWeight ?? 1,
        config: config.data,
      },
    };
  });
  const configVersion = modules
    .map(
      (m) =>
        `${m.evaluator.id}@${m.evaluator.version}${m.settings.enabled ? '' : ':off'}:${hash(JSON.stringify(m.settings))}`,
    )
    .join(',');
  return { modules, configVersion: `v1|${hash(configVersion)}`, maxIssuesShown };
}

/** Short, stable fingerprint (FNV-1a) for version strings; not for security. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
