export {
  buildDailySummary,
  deriveLessons,
  type Lesson,
  type SummaryEvaluation,
  type SummaryInput,
  type SummaryJournalEntry,
  type SummaryReview,
  type SummaryTrade,
} from './daily-summary.js';
export {
  createConsolePoster,
  createMemoryPoster,
  createPosterRouter,
  type ChannelRef,
  type PosterRouter,
  type RecordedPost,
  type SummaryPoster,
} from './posters.js';
export {
  checkTimeZone,
  dailyRunKey,
  latestSlot,
  nextSlot,
  parseLocalTime,
  previousSlot,
  TIME_ZONE_EXAMPLES,
  type Schedule,
  type TimeZoneCheck,
} from './schedule.js';
export {
  createSummaryScheduler,
  DAILY_SUMMARY_JOB,
  type RunOutcome,
  type SchedulerLogger,
  type SummaryScheduler,
  type SummarySchedulerDeps,
} from './scheduler.js';
export { loadSummaryInput, type SummaryLoaderDeps } from './summary-input.js';
export {
  runSnapshotJob,
  scheduleSnapshotJob,
  snapshotTimeframes,
  SNAPSHOT_JOB,
  type SnapshotJobDeps,
  type SnapshotJobOptions,
  type SnapshotJobReport,
} from './snapshot-job.js';
export { createReviewSweeper, type ReviewSweeper, type ReviewSweeperDeps } from './post-trade-review.js';
export { createLlmRetentionJob, type LlmRetentionDeps, type LlmRetentionJob } from './llm-retention.js';
export {
  ALPACA_SYNC_JOB,
  FINNHUB_JOB,
  fetchSlot,
  finnhubOutcome,
  scheduleProviderFetch,
  type ProviderFetchJobDeps,
} from './provider-fetch-job.js';
export {
  createIngestJob,
  INGEST_JOB,
  type IngestJobDeps,
  type IngestJobReport,
  type IngestSlot,
  ingestSlot,
} from './ingest-job.js';
