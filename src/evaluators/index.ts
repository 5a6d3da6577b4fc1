import { entryDistance } from './entry-distance.js';
import { entryQuality } from './entry-quality.js';
import { eventRisk } from './event-risk.js';
import { exitPlan } from './exit-plan.js';
import { missingScanner } from './missing-scanner.js';
import { mtfa } from './mtfa.js';
import { regimeFit } from './regime-fit.js';
import { riskReward } from './risk-reward.js';
import { register, type Evaluator } from './types.js';

/** Every evaluator, in one explicit list. Adding one = one file + one line here. */
export const EVALUATORS: readonly Evaluator<Record<string, unknown>>[] = [
  register(entryDistance),
  register(riskReward),
  register(exitPlan),
  register(mtfa),
  register(regimeFit),
  register(entryQuality),
  register(missingScanner),
  register(eventRisk),
];

export {
  coherenceProblems,
  SizeSchema,
  TradeIntentSchema,
  type PositionSize,
  type TradeIntent,
  type TradeIntentInput,
} from './intent.js';
export { INTENT_LIMITS, priceProblem, SIZE_RULES } from './intent-bounds.js';
export {
  runEvaluators,
  type ModuleRun,
  type OrchestratorResult,
  type OverallSeverity,
  type RankedIssue,
} from './orchestrator.js';
export { fmt, ordinal, positionMath, wholeShares, type PositionMath } from './position-math.js';
export { createRegistry, type ModuleSettings, type Registry } from './registry.js';
export {
  register,
  SEVERITIES,
  scoreFrom,
  severityRank,
  type EvaluationResult,
  type Evaluator,
  type EvidenceValue,
  type Issue,
  type Severity,
} from './types.js';
export {
  createEvaluationService,
  type EvaluationChartMaker,
  type EvaluationChartRef,
  type EvaluationOutcome,
  type EvaluationService,
} from './service.js';
export { createChartJobs, type ChartJobs, type ChartState, type ChartStatus } from './chart-jobs.js';
