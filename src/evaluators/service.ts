import type { EvaluationRepository } from '../db/index.js';
import { snapshotAt } from '../market/features/index.js';
import {
  type ContextPack,
  type ContextPackBuilder,
  type PortfolioFacts,
  type UserContext,
} from '../market/context/index.js';
import { randomUUID } from 'node:crypto';
import { createChartJobs, type ChartState } from './chart-jobs.js';
import type { TradeIntent } from './intent.js';
import { runEvaluators, type OrchestratorResult } from './orchestrator.js';
import type { Registry } from './registry.js';

export interface EvaluationOutcome {
  evalId: string;
  intentId: string;
  intent: TradeIntent;
  context: ContextPack;
  result: OrchestratorResult;
  facts: Record<string, unknown>;
  /** The stored chart image, when a chart maker is configured and rendering worked. */
  chart?: EvaluationChartRef;
  /** With `chart: 'background'`: the chart's id, known before it is stored, and when it settles. */
  chartJob?: { chartId: string; settled: Promise<EvaluationChartRef | undefined> };
}

export interface EvaluationChartRef {
  chartId: string;
  url: string;
  /** Local file path, when the image is a file on this machine. */
  path?: string;
  alt: string;
}

/** Renders and stores an evaluation's chart (src/charts/evaluation-chart.ts). Must not throw: it logs and returns undefined. */
export interface EvaluationChartMaker {
  forEvaluation(input: {
    evalId: string;
    intent: TradeIntent;
    context: ContextPack;
    score?: number;
    /** The id the chart row must get (chosen up front when the answer goes out first). */
    chartId?: string;
  }): Promise<EvaluationChartRef | undefined>;
  /** Points the evaluation's agent journal rows at the stored chart. */
  linkAudit?(evalId: string, chartId: string): Promise<void>;
  /** The chart stored for an evaluation, from the database. */
  stored?(evalId: string): Promise<EvaluationChartRef | undefined>;
}

export interface EvaluationService {
  evaluate(input: {
    intent: TradeIntent;
    userId: string;
    sessionId?: string | undefined;
    rawText?: string | undefined;
    asOf?: number | undefined;
    /** 'wait' (default): the outcome carries the stored chart. 'background': it carries `chartJob`. */
    chart?: 'wait' | 'background';
  }): Promise<EvaluationOutcome>;
  userContext(userId: string): Promise<UserContext>;
  /** Where an evaluation's chart is; undefined when there is no chart maker or no such chart. */
  chartStatus(evalId: string): Promise<ChartState<EvaluationChartRef> | undefined>;
  /** The chart once it is stored (undefined when it failed or there is none); waits for one still drawing. */
  chartSettled(evalId: string): Promise<EvaluationChartRef | undefined>;
  /** Links the stored chart into the audit chain (agent journal rows written after it was stored). */
  linkChart(evalId: string, chartId: string): Promise<void>;
}

export function createEvaluationService(deps: {
  builder: ContextPackBuilder;
  registry: Registry;
  evaluations: EvaluationRepository;
  /** The trader's effective settings (start-up defaults, team defaults, their own: src/accounts/settings). */
  userContext: (userId: string) => Promise<UserContext>;
  timeoutMs: number;
  charts?: EvaluationChartMaker;
  /** The trader's open positions, so exposure checks see them; absent = unknown, not empty. */
  portfolio?: (userId: string) => Promise<PortfolioFacts>;
}): EvaluationService {
  const { userContext } = deps;
  const chartJobs = createChartJobs<EvaluationChartRef>();
  return {
    userContext,
    async chartStatus(evalId) {
      const known = chartJobs.get(evalId);
      if (known) return known;
      const stored = await deps.charts?.stored?.(evalId);
      return stored ? { chartId: stored.chartId, status: 'ready', chart: stored } : undefined;
    },
    async chartSettled(evalId) {
      return (await chartJobs.get(evalId)?.settled) ?? (await deps.charts?.stored?.(evalId));
    },
    async linkChart(evalId, chartId) {
      await deps.charts?.linkAudit?.(evalId, chartId);
    },
    async evaluate(input) {
      const { intent } = input;
      const [user, portfolio] = await Promise.all([
        userContext(input.userId),
        deps.portfolio?.(input.userId),
      ]);
      const context = await deps.builder.build({
        symbol: intent.symbol,
        timeframe: intent.timeframe,
        asOf: input.asOf,
        user,
        ...(portfolio ? { portfolio } : {}),
      });
      const result = await runEvaluators(deps.registry, intent, context, { timeoutMs: deps.timeoutMs });
      const facts = contextFacts(context);
      const saved = await deps.evaluations.saveEvaluated(
        {
          userId: input.userId,
          sessionId: input.sessionId ?? null,
          symbol: intent.symbol,
          side: intent.side,
          timeframe: intent.timeframe,
          proposedEntry: intent.entry,
          proposedStop: intent.stop ?? null,
          proposedTarget: intent.targets[0] ?? null,
          targets: intent.targets,
          proposedSize: intent.size?.kind === 'shares' ? intent.size.value : null,
          proposedNotional: intent.size?.kind === 'notional' ? intent.size.value : null,
          proposedRiskPct: intent.size?.kind === 'risk-pct' ? intent.size.value : null,
          proposedRiskAmount: intent.size?.kind === 'risk-amount' ? intent.size.value : null,
          holdingHorizon: intent.holdingHorizon ?? null,
          orderType: intent.orderType,
          thesis: intent.thesis ?? null,
          rawText: input.rawText ?? null,
        },
        {
          userId: input.userId,
          symbol: intent.symbol,
          timeframe: intent.timeframe,
          evalTs: new Date(context.asOf),
          overallScore: result.score,
          overallSeverity: result.severity,
          modulesRun: result.modules.map((m) => ({ ...m })),
          summary: {
            intent,
            score: result.score,
            severity: result.severity,
            shown: result.issues.filter((i) => i.shown).map((i) => i.code),
          },
          contextFacts: facts,
          configVersion: result.configVersion,
          rulesVersion: user.rulesVersion,
          teamRulesVersion: user.teamRulesVersion ?? 0,
        },
        result.issues.map((issue) => ({
          moduleName: issue.module,
          moduleVersion: issue.moduleVersion,
          issueCode: issue.code,
          severity: issue.severity,
          message: issue.message,
          evidence: issue.evidence,
          recommendation: { mitigation: issue.mitigation },
          rank: issue.rank,
          shown: issue.shown,
        })),
      );
      // I/O at the edge, after the evaluation is saved: a chart that fails costs only the chart.
      const chartInput = { evalId: saved.evalId, intent, context, score: result.score };
      if (input.chart === 'background' && deps.charts) {
        const chartId = randomUUID();
        const settled = deps.charts.forEvaluation({ ...chartInput, chartId }).then((chart) => {
          chartJobs.settle(saved.evalId, chartId, chart);
          return chart;
        });
        chartJobs.pending(saved.evalId, chartId, settled);
        return { ...saved, intent, context, result, facts, chartJob: { chartId, settled } };
      }
      const chart = await deps.charts?.forEvaluation(chartInput);
      return { ...saved, intent, context, result, facts, ...(chart ? { chart } : {}) };
    },
  };
}

/** The ContextPack facts kept with an evaluation, so the audit can show what the modules saw. */
export function contextFacts(ctx: ContextPack): Record<string, unknown> {
  return {
    symbol: ctx.symbol,
    ticker: ctx.ticker,
    asOf: new Date(ctx.asOf).toISOString(),
    frames: [ctx.primary, ...ctx.higher].map((f) => ({
      timeframe: f.timeframe,
      resampled: f.resampled,
      bars: f.bars.length,
      lastBar: { ...f.lastBar, ts: new Date(f.lastBar.ts).toISOString() },
      features: snapshotAt(f.features),
    })),
    liquidity: ctx.liquidity,
    // The snapshots the modules saw; the tables hold the full rows under (symbol, timeframe, ts, version).
    snapshots: { source: ctx.snapshotSource, levels: ctx.levels, regime: ctx.regime },
    user: {
      equity: ctx.user.equity,
      equityIsDefault: ctx.user.equityIsDefault,
      rules: ctx.user.rules,
      rulesVersion: ctx.user.rulesVersion,
      teamRulesVersion: ctx.user.teamRulesVersion ?? 0,
    },
  };
}
