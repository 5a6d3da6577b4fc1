import { hostname } from 'node:os';
import type { Explainer } from '../agents/explain/index.js';
import type {
  EvaluationRepository,
  JobRepository,
  MarketRepository,
  ReviewRepository,
  TradeRepository,
  TradeRow,
} from '../db/index.js';
import { userError } from '../errors.js';
import type { UserContext } from '../market/context/index.js';
import { phraseLessons } from './coach-note.js';
import { REVIEW_VERSION, reviewTrade } from './review.js';
import { changeStop, type StopChange } from './stops.js';
import { fromReviewRow, toReviewRow, type StoredReview } from './stored.js';
import { barsToLoad, reviewFills, reviewInputOf, timeStopFrom } from './trade-input.js';
import { disciplineOf, type RulesAt } from './discipline-sources.js';

export const POST_TRADE_REVIEW_JOB = 'post-trade-review';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BARS_BEFORE_ENTRY = 120;

export interface ReviewServiceDeps {
  trades: Pick<
    TradeRepository,
    'getTrade' | 'fillsOf' | 'getIntent' | 'openTradeFor' | 'openTrades' | 'closedBetween'
  >;
  /**
   * The trader's rules in force at entry: the versions the linked evaluation recorded, or the
   * versions in force at the open. Absent: rule adherence is not judged.
   */
  rulesAt?: ((userId: string, at: RulesAt) => Promise<UserContext>) | undefined;
  evaluations: Pick<EvaluationRepository, 'getEvaluation'>;
  reviews: ReviewRepository;
  jobs: Pick<JobRepository, 'claim' | 'finish'>;
  market: Pick<MarketRepository, 'loadBars' | 'latestBarTs'>;
  /** Fetches the symbol's latest bars from the live provider, when one is configured. */
  refreshBars?: ((symbol: string) => Promise<unknown>) | undefined;
  /** Phrases the lessons when it has an LLM; the rule text stands otherwise. */
  explainer?: Explainer | undefined;
  now(): Date;
  instanceId?: string;
  logger?: { warn(obj: object, msg: string): void } | undefined;
}

export interface ReviewJobOutcome {
  tradeId: string;
  /** done: this call generated it; exists: it was stored already; claimed-elsewhere: another process holds the run. */
  status: 'done' | 'exists' | 'claimed-elsewhere' | 'failed';
  review?: StoredReview | undefined;
  error?: string | undefined;
}

/**
 * The plan's timeframe when there are bars in it, else daily bars; when the daily bars end before
 * the trade opened (a trade opened today, before today's close), the finest intraday timeframe
 * stored that reaches the entry.
 */
async function reviewTimeframe(
  market: Pick<MarketRepository, 'latestBarTs'>,
  symbol: string,
  planned: string,
  openTs: number,
): Promise<string> {
  if (planned !== '1d' && (await market.latestBarTs(symbol, planned)) !== undefined) return planned;
  const daily = await market.latestBarTs(symbol, '1d');
  if (daily !== undefined && daily + 86_400_000 > openTs) return '1d';
  for (const tf of ['5m', '15m', '1h']) {
    const latest = await market.latestBarTs(symbol, tf);
    if (latest !== undefined && latest >= openTs) return tf;
  }
  return '1d';
}

/** Post-trade reviews: generated from the stored trade, its plan and the bars, stored once per trade and version. */
export function createReviewService(deps: ReviewServiceDeps) {
  const instanceId = deps.instanceId ?? `${hostname()}:${process.pid}`;

  async function closedTrade(tradeId: string): Promise<TradeRow> {
    const trade = await deps.trades.getTrade(tradeId);
    if (!trade) throw userError('not-found', `No trade ${tradeId}.`);
    if (trade.status !== 'closed') {
      throw userError(
        'trade-still-open',
        `The ${trade.side} ${trade.symbol} trade is still open (${trade.openQty} to close): review it after \`/trade close ${trade.symbol} @ PRICE\`.`,
        { tradeId, openQty: trade.openQty },
      );
    }
    return trade;
  }

  /** Loads what the review reads (fills, plan, evaluation warnings, stop moves, bars) and reviews the trade. */
  async function generate(trade: TradeRow) {
    const [fillRows, intent, evaluation, stops] = await Promise.all([
      deps.trades.fillsOf(trade.tradeId),
      trade.linkedIntentId ? deps.trades.getIntent(trade.linkedIntentId) : undefined,
      trade.linkedEvalId ? deps.evaluations.getEvaluation(trade.linkedEvalId) : undefined,
      deps.reviews.stopChangesOf(trade.tradeId),
    ]);
    const planned = intent?.timeframe ?? '1d';
    const openTs = trade.openTs.getTime();
    const closeTs = (trade.closeTs ?? trade.updatedAt).getTime();
    await deps
      .refreshBars?.(trade.symbol)
      .catch((error: unknown) =>
        deps.logger?.warn({ err: error, symbol: trade.symbol }, 'bars not refreshed for the review'),
      );
    const timeframe = await reviewTimeframe(deps.market, trade.symbol, planned, openTs);
    const [bars, barsBeforeEntry] = await Promise.all([
      deps.market.loadBars(trade.symbol, timeframe, {
        until: closeTs,
        limit: barsToLoad(timeframe, openTs, closeTs),
      }),
      deps.market.loadBars(trade.symbol, timeframe, { until: openTs, limit: BARS_BEFORE_ENTRY }),
    ]);
    const discipline = await disciplineOf(deps, trade, evaluation);
    const input = reviewInputOf({
      discipline,
      trade,
      fills: reviewFills(fillRows),
      intent: intent ? { timeframe: intent.timeframe, targets: intent.targets } : undefined,
      timeStopBars: timeStopFrom(evaluation?.evaluation.summary),
      // The issues the trader was shown before the trade: the review says whether each came true.
      warnings: (evaluation?.items ?? [])
        .filter((i) => i.shown)
        .map((i) => ({
          code: i.issueCode,
          message: i.message,
          level: typeof i.evidence.level === 'number' ? i.evidence.level : undefined,
        })),
      stopChanges: stops.map((c) => ({ ts: c.ts.getTime(), stop: c.stop })),
      timeframe,
      bars,
      barsBeforeEntry,
    });
    return reviewTrade(input);
  }

  /** Generates and stores (or replaces) the review, then lets the explanation layer phrase its lessons. */
  async function store(
    trade: TradeRow,
    refresh: boolean,
  ): Promise<{ review: StoredReview; created: boolean }> {
    const review = await generate(trade);
    const values = toReviewRow(review, {
      tradeId: trade.tradeId,
      userId: trade.userId,
      linkedEvalId: trade.linkedEvalId,
      generatedAt: deps.now(),
    });
    const saved = refresh
      ? { row: await deps.reviews.replace(values), created: true }
      : await deps.reviews.insertOnce(values);
    let row = saved.row;
    if (saved.created && deps.explainer) {
      const note = await phraseLessons(deps.explainer, review, {
        userId: trade.userId,
        tradeId: trade.tradeId,
        evalId: trade.linkedEvalId,
      }).catch((error: unknown) => {
        deps.logger?.warn({ err: error, tradeId: trade.tradeId }, 'review lessons not phrased');
        return undefined;
      });
      if (note) {
        await deps.reviews.setCoachNote(row.reviewId, note);
        row = { ...row, coachNote: note };
      }
    }
    const stored = fromReviewRow(row);
    if (!stored) throw new Error(`stored review ${row.reviewId} does not read back`);
    return { review: stored, created: saved.created };
  }

  /** The stored review; `exists` without `review` is a row that no longer reads back (it gets rewritten). */
  async function stored(tradeId: string): Promise<{ exists: boolean; review?: StoredReview | undefined }> {
    const row = await deps.reviews.forTrade(tradeId, REVIEW_VERSION);
    return { exists: row !== undefined, review: row ? fromReviewRow(row) : undefined };
  }

  /**
   * The review job for one trade: whichever process claims (post-trade-review, trade:version) in
   * job_runs generates it; every other process, or a second call, skips.
   */
  async function runJob(tradeId: string): Promise<ReviewJobOutcome> {
    const existing = await stored(tradeId);
    if (existing.review) return { tradeId, status: 'exists', review: existing.review };
    const now = deps.now();
    const claimed = await deps.jobs.claim({
      job: POST_TRADE_REVIEW_JOB,
      runKey: `${tradeId}:v${REVIEW_VERSION}`,
      scheduledFor: now,
      runBy: instanceId,
      now,
    });
    if (!claimed) return { tradeId, status: 'claimed-elsewhere' };
    try {
      const { review } = await store(await closedTrade(tradeId), existing.exists);
      await deps.jobs.finish(claimed.runId, {
        status: 'done',
        now: deps.now(),
        result: {
          reviewId: review.reviewId,
          processGrade: review.processGrade,
          outcomeGrade: review.outcomeGrade,
          verdict: review.verdict,
        },
      });
      return { tradeId, status: 'done', review };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.jobs.finish(claimed.runId, {
        status: 'failed',
        now: deps.now(),
        error: message.slice(0, 1_000),
      });
      deps.logger?.warn({ err: error, tradeId }, 'post-trade review failed');
      return { tradeId, status: 'failed', error: message };
    }
  }

  return {
    runJob,

    /** The stored review of a closed trade; generated now when there is none (or `refresh`). */
    async review(tradeId: string, options: { refresh?: boolean } = {}): Promise<StoredReview> {
      const trade = await closedTrade(tradeId);
      const found = options.refresh ? { exists: true } : await stored(tradeId);
      return found.review ?? (await store(trade, found.exists)).review;
    },

    /** Who owns a trade, for access checks; undefined for an unknown id. */
    async tradeOwner(tradeId: string): Promise<string | undefined> {
      return (await deps.trades.getTrade(tradeId))?.userId;
    },

    /**
     * The trade a `/review` reference means: nothing = the latest closed trade, a trade id, or a
     * symbol (its latest closed trade). A symbol with only an open trade says it is still open.
     */
    async resolveTrade(userId: string, ref?: string): Promise<TradeRow> {
      const text = ref?.trim() ?? '';
      if (UUID.test(text)) {
        const trade = await deps.trades.getTrade(text.toLowerCase());
        if (!trade || trade.userId !== userId) throw userError('not-found', `You have no trade ${text}.`);
        return trade;
      }
      const symbol = text ? text.replace(/^\$/, '').toUpperCase() : undefined;
      const latest = await deps.reviews.latestClosed(userId, symbol);
      if (latest) return latest;
      const open = symbol ? await deps.trades.openTradeFor(userId, symbol) : undefined;
      if (open) return open;
      throw userError(
        'not-found',
        symbol
          ? `You have no closed trade in ${symbol} to review.`
          : 'You have no closed trades to review yet. Record one with `/trade open` and `/trade close`.',
      );
    },

    /** Reviews of these trades, generating (through the job) the ones not stored yet. */
    async forTrades(tradeIds: readonly string[]): Promise<Map<string, StoredReview>> {
      const out = new Map<string, StoredReview>();
      for (const row of await deps.reviews.forTrades([...tradeIds], REVIEW_VERSION)) {
        const review = fromReviewRow(row);
        if (review) out.set(row.tradeId, review);
      }
      for (const id of tradeIds.filter((t) => !out.has(t))) {
        const outcome = await runJob(id);
        if (outcome.review) out.set(id, outcome.review);
      }
      return out;
    },

    /** Runs the job for closed trades (since `since`) that have no review yet: catches up closes made while down, and imports. */
    async sweep(options: { since: Date; limit?: number }): Promise<ReviewJobOutcome[]> {
      const due = await deps.reviews.closedWithoutReview(REVIEW_VERSION, options.since, options.limit ?? 50);
      const outcomes: ReviewJobOutcome[] = [];
      for (const trade of due) outcomes.push(await runJob(trade.tradeId));
      return outcomes;
    },

    changeStop: (input: {
      userId: string;
      symbol: string;
      stop: number | null;
      source?: 'chat' | 'api';
    }): Promise<StopChange> =>
      changeStop({ trades: deps.trades, reviews: deps.reviews, now: deps.now }, input),
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
