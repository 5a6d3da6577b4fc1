import type { AgentRun, Evidence, FactValue } from '../../agents/index.js';
import type { AgentCard } from '../types.js';

function valueText(value: FactValue): string {
  if (typeof value === 'number')
    return value.toLocaleString('en-US', { maximumFractionDigits: 4, useGrouping: false });
  return String(value);
}

/** "rsi14 = 61.2" or "knowledge/risk/x.md · 60727a1ccde0": enough to find the source; the audit has the full id. */
function evidenceText(evidence: Evidence, run: AgentRun): string {
  if (evidence.kind === 'feature') return `${evidence.name} = ${valueText(evidence.value)}`;
  const chunk = run.chunks.find((c) => c.chunkId === evidence.chunkId);
  return `${chunk ? `${chunk.docPath} · ` : 'passage '}${evidence.chunkId.slice(0, 12)}`;
}

function providerText(run: AgentRun): string {
  if (run.status === 'timeout') return 'timed out';
  if (run.status === 'failed') return 'failed';
  if (run.mode === 'llm') return `${run.provider} ${run.model}`;
  return run.fallbackReason ? 'rules (LLM answer set aside)' : 'rules';
}

/** One card per agent for the Buddy Report, each factor with the fact or passage it cites. */
export function agentCards(runs: readonly AgentRun[]): AgentCard[] {
  return runs.map((run) => ({
    agent: run.title,
    recommendation: run.recommendation.recommendation,
    confidence: run.recommendation.confidence,
    reasoning: run.recommendation.reasoning,
    factors: run.recommendation.key_factors.map((k) => ({
      text: k.factor,
      evidence: evidenceText(k.evidence, run),
    })),
    provider: providerText(run),
  }));
}
