import type { FillRow, PositionRow, TradeQueries, TradeRepository, TradeRow } from '../db/index.js';
import { userError } from '../errors.js';
import { coherenceProblems } from '../evaluators/intent.js';
import { riskRuleIssues, type RiskLimits } from '../evaluators/risk-rules.js';
import type { Issue } from '../evaluators/types.js';
import { openTradeView, refreshTrade, requireOpen, type OpenTradeView } from './refresh.js';
import { DEFAULT_MATCH_DAYS, matchIntent, plannedRisk, type IntentPlan, type PlannedRisk } from './plan.js';
import { checkFill, fmtQty, sideOfEntry, type Fill, type FillType, type TradeSide } from './position.js';

export interface TradeServiceDeps {
  trades: TradeRepository;
  /** The trader's equity and max risk per trade: the budget when the plan names no size. */
  riskBudget(userId: string): Promise<RiskLimits>;
  /** Last close, to value what is still open; undefined when there are no bars. */
  mark(symbol: string): Promise<number | undefined>;
  now(): Date;
  matchDays?: number;
}

export interface OpenTradeInput {
  userId: string;
  symbol: string;
  side: TradeSide;
  qty: number;
  price: number;
  stop?: number | undefined;
  target?: number | undefined;
  fee?: number | undefined;
  tags?: string[] | undefined;
  /** Why the trader takes it despite the warnings: the review counts those warnings as acknowledged. */
  reason?: string | undefined;
}

export interface FillTradeInput {
  userId: string;
  symbol: string;
  /** Absent on a close: everything still open. */
  qty?: number | undefined;
  price: number;
  fee?: number | undefined;
}

export interface TradeChange {
  trade: TradeRow;
  fill: FillRow;
  /** Set when a new trade was linked to an intent (and its latest evaluation). */
  linked?: { intentId: string; evalId: string | undefined } | undefined;
  plannedRisk?: PlannedRisk | undefined;
  /** The evaluation's risk checks on the trade as opened (max risk, reward:risk, stop): said first. */
  riskIssues?: Issue[] | undefined;
}

export interface NewTradeSpec {
  userId: string;
  symbol: string;
  side: TradeSide;
  fill: Fill;
  stop?: number | undefined;
  target?: number | undefined;
  tags: string[];
  source: 'chat' | 'import';
  naturalKey?: string | undefined;
  reason?: string | undefined;
}

const DAY_MS = 86_400_000;

export function toIntentPlan(row: Awaited<ReturnType<TradeQueries['intentCandidates']>>[number]): IntentPlan {
  return { ...row, createdAt: row.createdAt.getTime() };
}

/** Trade capture: open, scale, close; each change is a fill, and the trade is recomputed from all its fills. */
export function createTradeService(deps: TradeServiceDeps) {
  const matchDays = deps.matchDays ?? DEFAULT_MATCH_DAYS;

  const refresh = refreshTrade;

  /** Inserts a new trade with its opening fill, linked to the plan it carries out when one matches. */
  async function insertNewTrade(
    q: TradeQueries,
    spec: NewTradeSpec,
    budgetOf: { equity: number; maxRiskPct: number },
  ): Promise<Omit<TradeChange, 'trade'> & { row: TradeRow }> {
    const { fill } = spec;
    const candidates = await q.intentCandidates(
      spec.userId,
      spec.symbol,
      spec.side,
      new Date(fill.ts - matchDays * DAY_MS),
      new Date(fill.ts),
    );
    const intent = matchIntent(
      candidates.map(toIntentPlan),
      { symbol: spec.symbol, side: spec.side, openedAt: fill.ts },
      matchDays,
    );
    const evalId = intent ? await q.latestEvaluationId(intent.intentId) : undefined;
    const stop = spec.stop ?? intent?.proposedStop ?? undefined;
    const target = spec.target ?? intent?.proposedTarget ?? undefined;
    const budget = plannedRisk(intent, stop, budgetOf);
    const row = await q.insertTrade({
      userId: spec.userId,
      symbol: spec.symbol,
      side: spec.side,
      status: 'open',
      openTs: new Date(fill.ts),
      avgEntry: fill.price,
      qty: fill.qty,
      openQty: fill.qty,
      plannedEntry: intent?.proposedEntry ?? null,
      plannedStop: stop ?? null,
      plannedTarget: target ?? null,
      plannedRisk: budget.amount,
      linkedIntentId: intent?.intentId ?? null,
      linkedEvalId: evalId ?? null,
      source: spec.source,
      tags: spec.tags,
      entryReason: spec.reason ?? null,
    });
    const saved = await q.appendFill({
      tradeId: row.tradeId,
      userId: spec.userId,
      ts: new Date(fill.ts),
      side: fill.side,
      price: fill.price,
      qty: fill.qty,
      fee: fill.fee ?? 0,
      fillType: 'open',
      source: spec.source,
      naturalKey: spec.naturalKey ?? null,
    });
    if (!saved) throw new Error('opening fill was not stored');
    if (intent) await q.setIntentStatus(intent.intentId, 'open');
    return {
      row,
      fill: saved,
      linked: intent ? { intentId: intent.intentId, evalId } : undefined,
      plannedRisk: budget,
    };
  }

  async function addFill(
    userId: string,
    symbol: string,
    build: (trade: TradeRow) => { fill: Fill; fillType: FillType },
    verb: string,
  ): Promise<TradeChange> {
    const mark = await deps.mark(symbol);
    return deps.trades.transaction(async (q) => {
      const trade = await requireOpen(q, userId, symbol, verb);
      const { fill, fillType } = build(trade);
      checkFill(fill);
      const saved = await q.appendFill({
        tradeId: trade.tradeId,
        userId,
        ts: new Date(fill.ts),
        side: fill.side,
        price: fill.price,
        qty: fill.qty,
        fee: fill.fee ?? 0,
        fillType,
        source: 'chat',
      });
      if (!saved) throw new Error('fill was not stored');
      return { trade: await refresh(q, trade, mark), fill: saved };
    });
  }

  return {
    refresh,
    insertNewTrade,
    riskBudget: deps.riskBudget,
    mark: deps.mark,

    async open(input: OpenTradeInput): Promise<TradeChange> {
      const problems = coherenceProblems({
        side: input.side,
        entry: input.price,
        stop: input.stop,
        targets: input.target === undefined ? [] : [input.target],
      });
      checkFill({ ts: 0, side: 'buy', qty: input.qty, price: input.price, fee: input.fee });
      if (problems.length > 0)
        throw userError(
          'trade-plan',
          `That plan does not add up: ${problems.map((p) => p.message).join('; ')}.`,
        );
      const [budget, mark] = await Promise.all([deps.riskBudget(input.userId), deps.mark(input.symbol)]);
      return deps.trades.transaction(async (q) => {
        const existing = await q.openTradeFor(input.userId, input.symbol);
        if (existing) {
          const hint =
            existing.side === input.side
              ? `scale in with \`/trade add ${input.symbol} QTY @ PRICE\``
              : `close it first with \`/trade close ${input.symbol} @ PRICE\``;
          throw userError(
            'trade-already-open',
            `You already have an open ${existing.side} trade in ${input.symbol} (${fmtQty(existing.openQty)}): ${hint}.`,
          );
        }
        const fill: Fill = {
          ts: deps.now().getTime(),
          side: sideOfEntry(input.side),
          qty: input.qty,
          price: input.price,
          fee: input.fee,
        };
        const created = await insertNewTrade(
          q,
          { ...input, fill, tags: input.tags ?? [], source: 'chat' },
          budget,
        );
        const trade = await refresh(q, created.row, mark);
        const riskIssues = riskRuleIssues(
          {
            side: trade.side,
            entry: trade.avgEntry,
            stop: trade.plannedStop ?? undefined,
            target: trade.plannedTarget ?? undefined,
            shares: trade.qty,
          },
          budget,
        );
        return { ...created, trade, riskIssues };
      });
    },

    async add(input: FillTradeInput): Promise<TradeChange> {
      return addFill(
        input.userId,
        input.symbol,
        (trade) => {
          if (input.qty === undefined)
            throw userError('trade-qty', 'Say how many to add, e.g. `/trade add AAPL 50 @ 183`.');
          return {
            fill: {
              ts: deps.now().getTime(),
              side: sideOfEntry(trade.side),
              qty: input.qty,
              price: input.price,
              fee: input.fee,
            },
            fillType: 'add',
          };
        },
        'add to',
      );
    },

    async close(input: FillTradeInput): Promise<TradeChange> {
      return addFill(
        input.userId,
        input.symbol,
        (trade) => {
          const qty = input.qty ?? trade.openQty;
          if (qty > trade.openQty + 1e-9) {
            throw userError(
              'trade-overclose',
              `You hold ${fmtQty(trade.openQty)} ${trade.symbol}; you cannot close ${fmtQty(qty)}. Use \`/trade close ${trade.symbol} @ PRICE\` to close all.`,
            );
          }
          const exitSide = trade.side === 'long' ? 'sell' : 'buy';
          return {
            fill: { ts: deps.now().getTime(), side: exitSide, qty, price: input.price, fee: input.fee },
            fillType: qty < trade.openQty - 1e-9 ? 'reduce' : 'close',
          };
        },
        'close',
      );
    },

    /** Recomputes an open trade's position (its risk to the stop in force) after a stop move. */
    async refreshOpen(userId: string, symbol: string): Promise<TradeRow | undefined> {
      const mark = await deps.mark(symbol);
      return deps.trades.transaction(async (q) => {
        const trade = await q.openTradeFor(userId, symbol);
        return trade ? refresh(q, trade, mark) : undefined;
      });
    },

    /** Open trades with the stop in force and the money at risk to it, positions, recent closes. */
    async list(
      userId: string,
      closedLimit = 10,
    ): Promise<{ open: OpenTradeView[]; positions: PositionRow[]; closed: TradeRow[] }> {
      const [open, positions, closed] = await Promise.all([
        deps.trades.openTrades(userId),
        deps.trades.positionsOf(userId),
        deps.trades.recentClosed(userId, closedLimit),
      ]);
      return { open: await Promise.all(open.map((t) => openTradeView(deps.trades, t))), positions, closed };
    },
  };
}

export type TradeService = ReturnType<typeof createTradeService>;
