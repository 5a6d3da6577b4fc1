import {
  createJobRepository,
  createJournalRepository,
  createTradeRepository,
  type Db,
  type JobRepository,
  type JournalRepository,
  type MarketRepository,
  type TradeRepository,
} from '../db/index.js';
import type { UserContext } from '../market/context/index.js';
import { importFills, type FillImportResult } from './import-fills.js';
import type { ImportFill } from './fills-csv.js';
import { createTradeService, type TradeService } from './service.js';

export {
  parseFillsCsv,
  parseFillTime,
  FILLS_CSV_FORMAT,
  type ImportFill,
  type ParsedFills,
} from './fills-csv.js';
export type { FillImportResult } from './import-fills.js';
export {
  BrokerFileError,
  alpacaOutcome,
  createAlpacaActivities,
  createAlpacaSync,
  mapAlpacaActivities,
  type AlpacaSyncReport,
  type AlpacaSettings,
  DEFAULT_TIME_ZONE,
  detectFillsFormat,
  FILLS_FORMATS,
  isFillsFormat,
  parseActivityStatement,
  parseFillsFile,
  parseFlexQuery,
  type FillsFormat,
} from './brokers/index.js';
export { tradeMetrics, unrealizedPnl, openRisk, type TradeMetrics, type TradePlan } from './metrics.js';
export {
  checkPlan,
  matchIntent,
  money,
  plannedRisk,
  tradeVerdict,
  DEFAULT_MATCH_DAYS,
  PLAN_TOLERANCE,
  type IntentPlan,
  type PlanCheck,
  type PlanVerdict,
  type PlannedRisk,
} from './plan.js';
export {
  applyFill,
  checkFill,
  classifyFill,
  directionOf,
  fmtQty,
  foldFills,
  openPosition,
  riskToStop,
  sideOfEntry,
  type Fill,
  type FillSide,
  type FillType,
  type PositionState,
  type TradeSide,
} from './position.js';
export { stopInForce, toFill, type OpenTradeView } from './refresh.js';
export {
  createTradeService,
  type OpenTradeInput,
  type FillTradeInput,
  type TradeChange,
  type TradeService,
} from './service.js';
export { canonicalTimeZone, localDate, localParts, zonedToUtc, type LocalParts } from './zoned-time.js';

/** Journal, trades and scheduled-job bookkeeping: the one `trading` field of BotServices. */
export interface TradingServices {
  trades: TradeService;
  tradeRows: TradeRepository;
  journal: JournalRepository;
  jobs: JobRepository;
  importFills(userId: string, fills: readonly ImportFill[]): Promise<FillImportResult>;
  now(): Date;
}

export function createTradingServices(deps: {
  db: Db;
  market: MarketRepository;
  userContext(userId: string): Promise<UserContext>;
  now?: () => Date;
  matchDays?: number;
}): TradingServices {
  const now = deps.now ?? (() => new Date());
  const tradeRows = createTradeRepository(deps.db);
  const trades = createTradeService({
    trades: tradeRows,
    now,
    matchDays: deps.matchDays,
    async riskBudget(userId) {
      const user = await deps.userContext(userId);
      return {
        equity: user.equity,
        maxRiskPct: user.rules.maxRiskPct,
        minRewardRisk: user.rules.minRewardRisk,
      };
    },
    async mark(symbol) {
      const [bar] = await deps.market.loadBars(symbol, '1d', { limit: 1 });
      return bar?.close;
    },
  });
  return {
    trades,
    tradeRows,
    journal: createJournalRepository(deps.db),
    jobs: createJobRepository(deps.db),
    importFills: (userId, fills) => importFills({ trades: tradeRows, service: trades }, userId, fills),
    now,
  };
}
