import type { ChartState, EvaluationChartRef, EvaluationOutcome } from '../../evaluators/index.js';
import { publicChartUrl } from './chart-urls.js';

/** The Buddy Report as API JSON: every number the modules computed, shown issues first. */
export function evaluationJson(outcome: EvaluationOutcome) {
  const { result } = outcome;
  return {
    evaluationId: outcome.evalId,
    intentId: outcome.intentId,
    intent: outcome.intent,
    score: result.score,
    severity: result.severity,
    asOf: new Date(outcome.context.asOf).toISOString(),
    issues: result.issues.filter((i) => i.shown),
    otherIssues: result.issues.filter((i) => !i.shown),
    modules: result.modules,
    context: outcome.facts,
    configVersion: result.configVersion,
    rulesVersion: outcome.context.user.rulesVersion,
    teamRulesVersion: outcome.context.user.teamRulesVersion ?? 0,
    // A URL (S3's, or our /api/charts route), never the server's file path.
    chart: outcome.chart
      ? { chartId: outcome.chart.chartId, url: publicChartUrl(outcome.chart), alt: outcome.chart.alt }
      : null,
  };
}

/** Where the chart is: an id at once, a URL once stored (never a server path). */
export function chartJson(state: ChartState<EvaluationChartRef> | undefined) {
  if (!state) return null;
  return {
    chartId: state.chartId,
    status: state.status,
    ...(state.chart ? { url: publicChartUrl(state.chart), alt: state.chart.alt } : {}),
  };
}
