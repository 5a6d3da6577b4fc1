/**
 * Anthropic models past or near their end of life, with the date, as @anthropic-ai/sdk 1.12.0
 * lists them (internal/data/deprecated-models and the messages resource, which the package does
 * not export). The SDK only warns on each call, through console.warn; start-up names it once in
 * the log instead. test/agents/llm/model-deprecations.test.ts fails when the installed SDK lists
 * a model this table lacks.
 */
export const DEPRECATED_ANTHROPIC_MODELS: Readonly<Record<string, string>> = {
  'claude-mythos-preview': 'June 30th, 2026',
  'claude-sonnet-4-5': 'November 30th, 2026',
  'claude-sonnet-4-5-20250929': 'November 30th, 2026',
};

/** The end-of-life date of a deprecated model; undefined for a current (or unknown) one. */
export function anthropicModelEndOfLife(model: string): string | undefined {
  return Object.hasOwn(DEPRECATED_ANTHROPIC_MODELS, model) ? DEPRECATED_ANTHROPIC_MODELS[model] : undefined;
}
