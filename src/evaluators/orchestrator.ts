import type { ContextPack } from '../market/context/index.js';
import type { TradeIntent } from './intent.js';
import { compareFindings, overallScore } from './overall-score.js';
import type { Registry } from './registry.js';
import { severityRank, type EvidenceValue, type Issue, type Severity } from './types.js';

export interface ModuleRun {
  id: string;
  version: number;
  title: string;
  status: 'ok' | 'failed' | 'timeout' | 'disabled';
  durationMs: number;
  score: number | null;
  weight: number;
  issueCount: number;
  explainFacts: Record<string, EvidenceValue>;
  /** For the log and the audit, never shown raw to a trader. */
  error?: string;
}

export interface RankedIssue extends Issue {
  module: string;
  moduleVersion: number;
  rank: number;
  shown: boolean;
}

export type OverallSeverity = Severity | 'ok';

export interface OrchestratorResult {
  score: number;
  severity: OverallSeverity;
  modules: ModuleRun[];
  issues: RankedIssue[];
  configVersion: string;
}

class ModuleTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ModuleTimeout(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs every enabled module with a time limit each. A module that throws or times out is
 * reported in `modules` and the rest still count. Issues are deduplicated by topic/code, ranked
 * by severity then by their size and module weight (see overall-score.ts), and the top
 * `maxIssuesShown` are marked shown.
 */
export async function runEvaluators(
  registry: Registry,
  intent: TradeIntent,
  ctx: ContextPack,
  options: { timeoutMs: number },
): Promise<OrchestratorResult> {
  const collected: Omit<RankedIssue, 'rank' | 'shown'>[] = [];
  const modules = await Promise.all(
    registry.modules.map(async ({ evaluator, settings }): Promise<ModuleRun> => {
      const base = {
        id: evaluator.id,
        version: evaluator.version,
        title: evaluator.title,
        weight: settings.weight,
      };
      // Switched off at boot for everyone, or by the trader in their settings.
      if (!settings.enabled || ctx.user.rules.disabledModules?.includes(evaluator.id))
        return { ...base, status: 'disabled', durationMs: 0, score: null, issueCount: 0, explainFacts: {} };
      const started = performance.now();
      try {
        // Sync evaluators run inside the promise too, so a throw becomes a failed module.
        const result = await withTimeout(
          Promise.resolve().then(() => evaluator.evaluate(intent, ctx, settings.config)),
          options.timeoutMs,
        );
        for (const issue of result.issues)
          collected.push({ ...issue, module: evaluator.id, moduleVersion: evaluator.version });
        return {
          ...base,
          status: 'ok',
          durationMs: performance.now() - started,
          score: clampScore(result.score),
          issueCount: result.issues.length,
          explainFacts: result.explainFacts,
        };
      } catch (error) {
        const status = error instanceof ModuleTimeout ? 'timeout' : 'failed';
        return {
          ...base,
          status,
          durationMs: performance.now() - started,
          score: null,
          issueCount: 0,
          explainFacts: {},
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );

  const weightOf = new Map(modules.map((m) => [m.id, m.weight]));
  // The trader's strictness only filters what is shown: every issue is ranked and stored.
  const least = Math.max(severityRank('low'), severityRank(ctx.user.rules.strictness ?? 'low'));
  let shownCount = 0;
  const ranked = dedupe(collected)
    .sort((a, b) => compareFindings(a, b, (module) => weightOf.get(module) ?? 1))
    .map((issue, i) => {
      const shown = shownCount < registry.maxIssuesShown && severityRank(issue.severity) >= least;
      if (shown) shownCount++;
      return { ...issue, rank: i + 1, shown };
    });

  const scored = modules.filter((m) => m.status === 'ok' && m.score !== null && m.weight > 0);
  if (scored.length === 0) {
    // Nothing was checked: say so instead of a reassuring score.
    ranked.unshift({
      code: 'checks-failed',
      severity: 'high',
      module: 'orchestrator',
      moduleVersion: 1,
      rank: 0,
      shown: true,
      message: 'None of the checks could run, so this idea has not been evaluated.',
      evidence: {
        modulesFailed: modules.filter((m) => m.status === 'failed' || m.status === 'timeout').length,
      },
      mitigation: 'Try again in a moment; the failure has been logged.',
    });
    ranked.forEach((issue, i) => Object.assign(issue, { rank: i + 1 }));
    return { score: 0, severity: 'high', modules, issues: ranked, configVersion: registry.configVersion };
  }
  const totalWeight = scored.reduce((s, m) => s + m.weight, 0);
  const moduleMean =
    totalWeight > 0 ? scored.reduce((s, m) => s + (m.score ?? 0) * m.weight, 0) / totalWeight : 0;
  // Score and severity come from every finding, whatever the trader chose to be shown.
  const worst = ranked.find((i) => i.severity !== 'info')?.severity;
  return {
    score: overallScore(moduleMean, ranked),
    severity: worst ?? 'ok',
    modules,
    issues: ranked,
    configVersion: registry.configVersion,
  };
}

function clampScore(score: number): number {
  return Number.isFinite(score) ? Math.max(0, Math.min(100, Math.round(score))) : 0;
}

/** Keeps the most severe issue per topic (or per code when no topic is given). */
function dedupe<T extends Issue>(issues: T[]): T[] {
  const best = new Map<string, T>();
  for (const issue of issues) {
    const key = issue.topic ?? issue.code;
    const current = best.get(key);
    if (!current || severityRank(issue.severity) > severityRank(current.severity)) best.set(key, issue);
  }
  return [...best.values()];
}
