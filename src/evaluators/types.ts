import type { z } from 'zod';
import type { ContextPack } from '../market/context/index.js';
import type { TradeIntent } from './intent.js';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export type EvidenceValue = number | string | boolean | null;

/** One finding: what is wrong, the numbers that show it, and what would fix it. */
export interface Issue {
  code: string;
  severity: Severity;
  message: string;
  evidence: Record<string, EvidenceValue>;
  mitigation: string;
  /** Issues about the same thing from different modules share a topic; only the worst is shown. */
  topic?: string;
  /**
   * How far past its threshold the finding is, 0 (just over) to 1 (far over), from its own
   * evidence. Ranks findings of one severity and sizes their weight in the overall score; a
   * finding without it counts as halfway (0.5).
   */
  size?: number;
}

/** `(value - threshold) / span`, clamped to 0-1: how far a number is past a threshold. */
export function sizeBeyond(value: number, threshold: number, span: number): number {
  if (!Number.isFinite(value) || !(span > 0)) return 0.5;
  return Math.max(0, Math.min(1, (value - threshold) / span));
}

export interface EvaluationResult {
  score: number;
  issues: Issue[];
  /** Plain facts the explanation layer may phrase; it may not add numbers beyond these. */
  explainFacts: Record<string, EvidenceValue>;
}

export interface Evaluator<C extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  version: number;
  title: string;
  configSchema: z.ZodType<C>;
  defaults: C;
  /** Weight in the score's average unless configured (1 when absent; 0: it only caps by severity). */
  defaultWeight?: number;
  evaluate(intent: TradeIntent, ctx: ContextPack, config: C): EvaluationResult | Promise<EvaluationResult>;
}

const PENALTY: Record<Severity, number> = { info: 0, low: 5, medium: 15, high: 35, critical: 60 };

/** A module's score: 100 less a penalty per issue by severity, never below 0. */
export function scoreFrom(issues: readonly Issue[]): number {
  return Math.max(0, 100 - issues.reduce((sum, issue) => sum + PENALTY[issue.severity], 0));
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Lets modules with different config types share one list; the config is re-checked on each call. */
export function register<C extends Record<string, unknown>>(
  evaluator: Evaluator<C>,
): Evaluator<Record<string, unknown>> {
  return {
    id: evaluator.id,
    version: evaluator.version,
    title: evaluator.title,
    configSchema: evaluator.configSchema,
    defaults: evaluator.defaults,
    ...(evaluator.defaultWeight !== undefined ? { defaultWeight: evaluator.defaultWeight } : {}),
    evaluate: (intent, ctx, config) => evaluator.evaluate(intent, ctx, evaluator.configSchema.parse(config)),
  };
}
