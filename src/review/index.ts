export { barsHeld, barSpan, coverageOf, excursions, timeframeSpan } from './excursions.js';
export { summarizeFills, type FillSummary } from './fills.js';
export { planFindings } from './findings.js';
export { gradeOf, outcomeGrade, processScore, RULE_BROKEN_CAP, verdictOf } from './grade.js';
export { entryDiscipline, type DisciplineInput } from './discipline.js';
export { entryRuleFindings, type EntryFacts } from './entry-rules.js';
export { fieldOf, RULE_OF, warningFindings, type WarningOutcomeKind } from './warnings-heeded.js';
export { lessonsFrom, warningOutcomes, type WarningFacts } from './lessons.js';
export { REVIEW_VERSION, reviewTrade } from './review.js';
export type {
  Excursions,
  EntryRules,
  EntryWarning,
  Finding,
  Levels,
  Grade,
  PostTradeReview,
  ReviewFill,
  ReviewInput,
  ReviewPlan,
  WarningOutcome,
} from './types.js';
export { coachNoteInput, phraseLessons } from './coach-note.js';
export {
  createReviewService,
  POST_TRADE_REVIEW_JOB,
  type ReviewJobOutcome,
  type ReviewService,
  type ReviewServiceDeps,
} from './service.js';
export { changeStop, stopMove, type StopChange, type StopMove } from './stops.js';
export { fromReviewRow, toReviewRow, type StoredReview } from './stored.js';
export {
  atrAtEntry,
  barsToLoad,
  planOf,
  reviewFills,
  reviewInputOf,
  timeStopFrom,
  proposedLevels,
  type IntentFacts,
  type ReviewSources,
  type TradeFacts,
} from './trade-input.js';
export { disciplineOf, type DisciplineDeps, type RulesAt } from './discipline-sources.js';
