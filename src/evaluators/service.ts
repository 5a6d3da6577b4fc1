import type { EvaluationRepository, UserRepository } from '../db/index.js';
import { snapshotAt } from '../market/features/index.js';
import {
  defaultRules,
  UserRulesSchema,
  type ContextPack,
  type ContextPackBuilder,
  type PortfolioFacts,
  type UserContext,
} from '../market/context/index.js';
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
  }): Promise<EvaluationChartRef | undefined>;
}

export interface EvaluationService {
  evaluate(input: {
    intent: TradeIntent;
    userId: string;
    sessionId?: string | undefined;
    rawText?: string | undefined;
    asOf?: number | undefined;
  }): Promise<EvaluationOutcome>;
  userContext(userId: string): Promise<UserContext>;
}

export function createEvaluationService(deps: {
  builder: ContextPackBuilder;
  registry: Registry;
  evaluations: EvaluationRepository;
  users: UserRepository;
  defaults: { equity: number; maxRiskPct: number; minRewardRisk: number };
  timeoutMs: number;
  charts?: EvaluationChartMaker;
  /** The trader's open positions, so exposure checks see them; absent = unknown, not empty. */
  portfolio?: (userId: string) => Promise<PortfolioFacts>;
}): EvaluationService {
  async function userContext(userId: string): Promise<UserContext> {
    const [account, stored] = await Promise.all([deps.users.getUser(userId), deps.users.getRules(userId)]);
    const base = defaultRules(deps.defaults);
    // Stored rules were validated when saved; unknown or stale keys fall back to defaults.
    const parsed = UserRulesSchema.partial().safeParse(stored?.rules ?? {});
    const rules = { ...base, ...(parsed.success ? parsed.data : {}) };
    const equity = account?.equitySnapshot ?? undefined;
    return {
      userId,
      equity: equity ?? deps.defaults.equity,
      equityIsDefault: equity === undefined,
      rules,
      rulesVersion: stored?.version ?? 0,
    };
  }

  return {
    userContext,
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
      const chart = await deps.charts?.forEvaluation({
        evalId: saved.evalId,
        intent,
        context,
        score: result.score,
      });
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
    },
  };
}
