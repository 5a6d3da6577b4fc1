import { type AgentRun, type Evidence, type FactValue, isAbstention, withSide } from '../../agents/index.js';
import type { AgentCard } from '../../reply/index.js';

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

/**
 * The agent's recommendation read against the trader's side: a card under "is this safe?" that
 * says BUY reads as advice, "supports your long" says what it is (the stored record keeps BUY).
 */
export function stanceText(run: AgentRun, side: 'long' | 'short'): string {
  if (run.status !== 'ok') return run.status === 'timeout' ? 'timed out' : 'failed';
  if (isAbstention(run.recommendation)) {
    const reason = run.recommendation.reasoning.replace(/^[^:]*:\s*/, '');
    return reason.length <= 45 ? `no view: ${reason}` : 'no view (too little data)';
  }
  const agrees = withSide(run.recommendation.recommendation, side);
  if (agrees === undefined) return 'no clear view';
  return `${agrees ? 'supports' : 'against'} your ${side}`;
}

/** One card per agent for the Buddy Report, each factor with the fact or passage it cites. */
export function agentCards(runs: readonly AgentRun[], side?: 'long' | 'short'): AgentCard[] {
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
    ...(side ? { stance: stanceText(run, side) } : {}),
  }));
}
