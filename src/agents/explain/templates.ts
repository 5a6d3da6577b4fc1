import type { AgentRecommendation } from '../schema.js';

export type ExplainValue = number | string | boolean | null;

/** One evaluator's plain facts (ModuleRun from the orchestrator satisfies it). */
export interface ExplainModule {
  id: string;
  title: string;
  status?: string;
  explainFacts: Record<string, ExplainValue>;
}

/** One agent's result (AgentRun from src/agents satisfies it). */
export interface ExplainAgent {
  agent: string;
  title: string;
  provider: string;
  recommendation: AgentRecommendation;
  /** The named facts the agent saw; its factors may quote them. */
  facts?: Readonly<Record<string, number | string | boolean>> | undefined;
}

export interface ExplainInput {
  symbol: string;
  side?: 'long' | 'short' | undefined;
  score?: number | undefined;
  severity?: string | undefined;
  /** The trader's own levels, which any sentence may repeat. */
  idea?: { entry: number; stop?: number | undefined; targets: readonly number[] } | undefined;
  modules: readonly ExplainModule[];
  agents?: readonly ExplainAgent[] | undefined;
}

export const EXPLANATION_NOTICE =
  'AI-generated and educational: this explains the numbers behind your own plan and does not predict prices.';

/** Phrasing for facts the built-in evaluators emit; any other key falls back to its label. */
const PHRASES: Record<string, (v: string) => string> = {
  rr: (v) => `reward:risk is ${v}R`,
  stopInAtr: (v) => `the stop is ${v} ATR from the entry`,
  riskPct: (v) => `the trade risks ${v}% of equity`,
  riskAmount: (v) => `the money at risk is ${v}`,
  maxRiskPct: (v) => `your limit is ${v}% per trade`,
  minRewardRisk: (v) => `your minimum reward:risk is ${v}R`,
  sharesAtMaxRisk: (v) => `${v} shares would use your full risk limit`,
  atr14: (v) => `ATR(14) is ${v}`,
  slippageR: (v) => `estimated slippage is ${v}R`,
  targetAtr: (v) => `the target is ${v} ATR away`,
  typicalBarsToTarget: (v) => `a move that size typically takes ${v} bars`,
  timeStopBars: (v) => `the time stop is ${v} bars`,
};

/** "stopInAtr" -> "stop in ATR", "ema50" -> "ema 50". */
export function labelOf(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .replace(/\b(atr|rsi|ema|sma|adx|vwap|rr|pe|eps)\b/gi, (m) => m.toUpperCase())
    .replace(/\s+/g, ' ')
    .trim();
}

/** Numbers as the facts hold them, at most 2 decimals, with thousands separators. */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function phrase(key: string, value: ExplainValue): string | undefined {
  if (value === null) return undefined;
  if (typeof value === 'boolean') {
    const bare = key.replace(/^(has|is)(?=[A-Z])/, '');
    const label = labelOf(`${bare.charAt(0).toLowerCase()}${bare.slice(1)}`);
    return key.startsWith('has')
      ? value
        ? `there is a ${label}`
        : `there is no ${label}`
      : `${label}: ${value ? 'yes' : 'no'}`;
  }
  const text = typeof value === 'number' ? formatNumber(value) : value;
  return PHRASES[key]?.(text) ?? `${labelOf(key)} is ${text}`;
}

function sentence(parts: string[]): string {
  const body = parts.join('; ');
  return `${body.charAt(0).toUpperCase()}${body.slice(1)}.`;
}

function moduleLine(module: ExplainModule): string | undefined {
  if (module.status !== undefined && module.status !== 'ok')
    return `${module.title} was not checked (${module.status}).`;
  const parts = Object.entries(module.explainFacts).flatMap(([k, v]) => phrase(k, v) ?? []);
  return parts.length > 0 ? `${module.title}: ${sentence(parts)}` : undefined;
}

function agentLine(agent: ExplainAgent): string {
  const rec = agent.recommendation;
  const factors = rec.key_factors.map((f) =>
    f.evidence.kind === 'feature'
      ? `${f.factor} (${labelOf(f.evidence.name)} ${typeof f.evidence.value === 'number' ? formatNumber(f.evidence.value) : String(f.evidence.value)})`
      : `${f.factor} (passage ${f.evidence.chunkId})`,
  );
  const how = agent.provider === 'rules' ? 'from its documented rules' : `phrased by ${agent.provider}`;
  const basis = factors.length > 0 ? `, based on ${factors.join('; ')}` : '';
  return `${agent.title} view (${how}): ${rec.recommendation} with confidence ${rec.confidence} out of 100${basis}.`;
}

/**
 * The deterministic explanation: one sentence per evaluator and per agent, built only from
 * their facts, so every number in it is a fact by construction. Always ends with the notice.
 */
export function templateExplanation(input: ExplainInput): string {
  const lines: string[] = [];
  if (input.score !== undefined) {
    const idea = input.side ? `${input.side} ${input.symbol}` : input.symbol;
    lines.push(
      `The plan for ${idea} scores ${input.score} out of 100${input.severity ? ` (${input.severity})` : ''}.`,
    );
  }
  for (const module of input.modules) {
    const line = moduleLine(module);
    if (line) lines.push(line);
  }
  for (const agent of input.agents ?? []) lines.push(agentLine(agent));
  lines.push(EXPLANATION_NOTICE);
  return lines.join('\n');
}

/** Every fact the explanation may draw on, as one object: the LLM's input and the checker's reference. */
export function explainFacts(input: ExplainInput): Record<string, unknown> {
  return {
    symbol: input.symbol,
    ...(input.side ? { side: input.side } : {}),
    ...(input.score !== undefined ? { score: input.score } : {}),
    ...(input.severity ? { severity: input.severity } : {}),
    ...(input.idea
      ? { idea: { entry: input.idea.entry, stop: input.idea.stop ?? null, targets: [...input.idea.targets] } }
      : {}),
    modules: input.modules.map((m) => ({
      id: m.id,
      title: m.title,
      status: m.status ?? 'ok',
      facts: m.explainFacts,
    })),
    agents: (input.agents ?? []).map((a) => ({
      agent: a.agent,
      title: a.title,
      provider: a.provider,
      recommendation: a.recommendation.recommendation,
      confidence: a.recommendation.confidence,
      key_factors: a.recommendation.key_factors,
      facts: a.facts ?? {},
    })),
  };
}
