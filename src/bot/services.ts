import type { Logger } from 'pino';
import type { AccountService, DataRights, RateLimit, SettingsService } from '../accounts/index.js';
import type {
  ConversationRepository,
  EvaluationRepository,
  IdempotencyRepository,
  MarketRepository,
  UserRepository,
} from '../db/index.js';
import type { EvaluationService } from '../evaluators/index.js';
import type { AgentServices } from '../agents/services.js';
import type { KnowledgeAnswerer } from '../agents/answer/index.js';
import type { AuditService } from '../agents/audit/index.js';
import type { Explainer } from '../agents/explain/index.js';
import type { Guardrails } from '../agents/guardrails/index.js';
import type { LlmClient } from '../agents/llm/index.js';
import type { SnapshotService } from '../market/snapshots/index.js';
import type { TradingServices } from '../trading/index.js';
import type { ReviewService } from '../review/index.js';
import type { ChartImages } from '../charts/index.js';
import type { BrainstormSettings } from './brainstorm/index.js';
import type { AnswerOutbox } from './conversation/outbox-lease.js';

/** Known symbols, refreshed at most once a minute so lower-case tickers can be recognised. */
export interface SymbolDirectory {
  has(symbol: string): boolean;
  lastClose(symbol: string): number | undefined;
  refresh(): Promise<void>;
  /** Whether the symbol is known, after back-filling it from the live provider when it is not. */
  ensure?(symbol: string): Promise<boolean>;
}

export function createSymbolDirectory(
  market: MarketRepository,
  ttlMs = 60_000,
  refreshBars?: (symbol: string) => Promise<unknown>,
): SymbolDirectory {
  let symbols = new Set<string>();
  const closes = new Map<string, number>();
  let loadedAt = 0;
  const directory: SymbolDirectory = {
    has: (symbol) => symbols.has(symbol.toUpperCase()),
    lastClose: (symbol) => closes.get(symbol.toUpperCase()),
    async ensure(symbol) {
      await directory.refresh();
      if (directory.has(symbol) || !refreshBars) return directory.has(symbol);
      await refreshBars(symbol).catch(() => undefined);
      loadedAt = 0;
      await directory.refresh();
      return directory.has(symbol);
    },
    async refresh() {
      if (Date.now() - loadedAt < ttlMs) return;
      const tickers = await market.listTickers();
      symbols = new Set(tickers.map((t) => t.symbol));
      await Promise.all(
        tickers.map(async (t) => {
          const [bar] = await market.loadBars(t.symbol, '1d', { limit: 1 });
          if (bar) closes.set(t.symbol, bar.close);
        }),
      );
      loadedAt = Date.now();
    },
  };
  return directory;
}

export interface BotServices {
  evaluation: EvaluationService;
  /** Accounts: tokens, web sessions, roles, and who owns what. */
  accounts: AccountService;
  /** `buddy user export` and `buddy user delete`: all of a trader's rows, audit rows included. */
  dataRights: DataRights;
  /** How the HTTP API admits callers, and the per-user request budget every surface shares. */
  access: { mode: 'auto' | 'required'; localUserId: string; rateLimit: RateLimit };
  market: MarketRepository;
  users: UserRepository;
  /** The trader's and their team's settings: versioned, inherited, validated. */
  settings: SettingsService;
  conversations: ConversationRepository;
  /** Leased answer jobs: an answer interrupted by a crash is finished by another process. */
  outbox: AnswerOutbox;
  /** Idempotency-Key records of HTTP POSTs (24 h). */
  idempotency: IdempotencyRepository;
  evaluations: EvaluationRepository;
  symbols: SymbolDirectory;
  /** Brainstorm mode: the ContextPack builder for suggestions and the idle timeout. */
  brainstorm: BrainstormSettings;
  /** The four analysis agents (rule mode without an LLM) and the news and fundamentals they read. */
  agents: AgentServices;
  /** Regime and key-level snapshots per symbol/timeframe, read or computed on demand. */
  snapshots: SnapshotService;
  /** Stored chart images by chart id, with the owner of their evaluation (GET /api/charts/:id.png). */
  chartImages: ChartImages;
  logger: Logger;
  /** The audit chain: LLM call recorder, guardrail journal, and the chain per evaluation. */
  audit: AuditService;
  /** Input, retrieved-text and output checks; every block or rewrite is journaled. */
  guardrails: Guardrails;
  /** Answers to questions from the knowledge base (`/ask` and free-text questions). */
  answers: KnowledgeAnswerer;
  /** Plain-language explanations of evaluator facts and agent results. */
  explainer: Explainer;
  /** Set when ANTHROPIC_API_KEY or OPENAI_COMPAT_BASE_URL is configured; absent = rule mode. */
  llm?: LlmClient | undefined;
  trading: TradingServices;
  /** Post-trade reviews (generated when a trade closes, on /review and over HTTP) and stop moves. */
  review: ReviewService;
}
