export {
  type AccountRecord,
  type AccountRepository,
  type ApiTokenRow,
  createAccountRepository,
  ROLES,
  type Role,
  SHARE_LEVELS,
  type ShareLevel,
} from './accounts.js';
export {
  createConversationRepository,
  type ConversationRepository,
  type MessageRow,
  type SessionKey,
  type SessionRow,
} from './conversations.js';
export {
  createEvaluationRepository,
  type EvaluationItemRow,
  type EvaluationRepository,
  type EvaluationRow,
  type IntentRow,
  type NewEvaluation,
  type NewEvaluationItem,
  type NewIntent,
} from './evaluations.js';
export {
  createMarketRepository,
  type BarRecord,
  type MarketRepository,
  type NewTicker,
  type TickerRow,
} from './market.js';
export { createUserRepository, type UserAccountRow, type UserRepository } from './users.js';
export { createRulesRepository, type RulesRepository, type RulesVersion } from './rules.js';
export {
  createAuditRepository,
  type AuditRepository,
  type GuardrailEventRow,
  type JournalRow,
  type LlmCallRow,
  type NewGuardrailEvent,
  type NewJournalEntry,
  type NewLlmCall,
  type StrategyRow,
} from './audit.js';
export { createChartRepository, type ChartRepository, type ChartRow, type NewChartRow } from './charts.js';
export {
  createSnapshotRepository,
  type KeyLevelsRow,
  type NewKeyLevelsRow,
  type NewRegimeSnapshotRow,
  type RegimeSnapshotRow,
  type SnapshotKey,
  type SnapshotRepository,
} from './snapshots.js';
export {
  createKnowledgeRepository,
  type KnowledgeChunkRow,
  type KnowledgeDocumentRow,
  type KnowledgeRepository,
  type NewKnowledgeChunk,
} from './knowledge.js';
export {
  createJournalRepository,
  type JournalRepository,
  type NewTradeJournalEntry,
  type TradeJournalRow,
} from './journal.js';
export {
  createTradeRepository,
  type FillRow,
  type NewFill,
  type NewPosition,
  type NewTrade,
  type PositionRow,
  type TradeQueries,
  type TradeRepository,
  type TradeRow,
} from './trades.js';
export {
  createJobRepository,
  type ChannelRef,
  type DayEvaluation,
  type JobRepository,
  type JobRunRow,
  type SubscriptionRow,
} from './jobs.js';
export {
  createEventRepository,
  eventKeyOf,
  type EventRepository,
  type MarketEventRow,
  type NewMarketEvent,
  type StoredMarketEvent,
} from './events.js';
export {
  createNewsRepository,
  type NewNewsItem,
  type NewsRepository,
  type NewsRow,
  type StoredNewsItem,
} from './news.js';
export {
  createFundamentalsRepository,
  type FundamentalsRepository,
  type FundamentalsRow,
  type FundamentalsUpdate,
} from './fundamentals.js';
export {
  createReviewRepository,
  type NewReviewRow,
  type NewStopChange,
  type ReviewRepository,
  type ReviewRow,
  type StopChangeRow,
} from './reviews.js';
export {
  createUserDataRepository,
  NOT_PERSONAL,
  PERSONAL_TABLES,
  type UserDataRepository,
  type UserExport,
} from './user-data.js';
export {
  createAnswerJobRepository,
  type AnswerJobRepository,
  type AnswerJobRow,
  type Lease,
  type StoredAnswer,
  type UndeliveredAnswer,
} from './answer-jobs.js';
export {
  createIdempotencyRepository,
  type IdempotencyBegin,
  type IdempotencyRef,
  type IdempotencyRepository,
} from './idempotency.js';
export { createWatchedSymbolsRepository, type WatchedSymbolsRepository } from './watched-symbols.js';
