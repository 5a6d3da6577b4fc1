export { type BackoffSettings, DEFAULT_BACKOFF, withBackoff } from './backoff.js';
export { backfillNote, type BarsRefresher, createBarsRefresher, spanText } from './backfill.js';
export { barCloses, closedBars, type FetchPlan, nextBarCloses, planFetch, STEP_MS } from './plan.js';
export {
  createIngestor,
  type IngestReport,
  type IngestSettings,
  type Ingestor,
  type TimeframeOutcome,
} from './run.js';
export { adjustForSplit, impliedSplitRatio } from './split.js';
