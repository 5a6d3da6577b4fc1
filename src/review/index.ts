export { barsHeld, barSpan, excursions } from './excursions.js';
export { summarizeFills, type FillSummary } from './fills.js';
export { planFindings } from './findings.js';
export { gradeOf, outcomeGrade, processScore, verdictOf } from './grade.js';
export { lessonsFrom, warningOutcomes } from './lessons.js';
export { REVIEW_VERSION, reviewTrade } from './review.js';
export type { Excursions, Finding, Grade, PostTradeReview, ReviewFill, ReviewInput, ReviewPlan, WarningOutcome } from './types.js';
