import type { TradeQueries, TradeRepository, TradeRow } from '../db/index.js';
import type { ImportFill } from './fills-csv.js';
import { applyFill, classifyFill, foldFills, type Fill, type PositionState } from './position.js';
import { toFill } from './refresh.js';
import type { TradeService } from './service.js';

export interface FillImportResult {
  /** Rows stored now (a flip counts once). */
  added: number;
  /** Rows already imported before: skipped by natural key. */
  duplicates: number;
  opened: number;
  closed: number;
  /** Trades opened now that were linked to the idea (intent) evaluated before them. */
  linked: number;
  /** Rows refused while assigning them to trades, by line. */
  refused: { line: number; reason: string }[];
  trades: TradeRow[];
}

interface OpenState {
  trade: TradeRow;
  state: PositionState;
  lastTs: number;
}

/**
 * Imports broker fills for one user in one transaction. Each fill joins the open trade in its
 * symbol (scale in, reduce, close) or opens one; a fill larger than the open position closes it
 * and opens the opposite trade with the rest. Rows imported before are skipped by natural key,
 * so importing the same file again adds nothing.
 */
export async function importFills(
  deps: { trades: TradeRepository; service: TradeService },
  userId: string,
  fills: readonly ImportFill[],
): Promise<FillImportResult> {
  // Read outside the transaction (see TradeService.refresh).
  const budget = await deps.service.riskBudget(userId);
  const symbols = [...new Set(fills.map((f) => f.symbol))];
  const marks = new Map(
    await Promise.all(symbols.map(async (s) => [s, await deps.service.mark(s)] as const)),
  );
  return deps.trades.transaction(async (q) => {
    const known = await q.existingNaturalKeys(
      userId,
      fills.map((f) => f.naturalKey),
    );
    const fresh = fills.filter((f) => !known.has(f.naturalKey)).sort((a, b) => a.ts - b.ts);
    const result: FillImportResult = {
      added: 0,
      duplicates: fills.length - fresh.length,
      opened: 0,
      closed: 0,
      linked: 0,
      refused: [],
      trades: [],
    };
    const open = new Map<string, OpenState | undefined>();
    const touched = new Map<string, TradeRow>();

    const current = async (symbol: string): Promise<OpenState | undefined> => {
      if (open.has(symbol)) return open.get(symbol);
      const trade = await q.openTradeFor(userId, symbol);
      const fillsOf = trade ? (await q.fillsOf(trade.tradeId)).map(toFill) : [];
      const loaded = trade
        ? {
            trade,
            state: foldFills(trade.side, fillsOf, trade.plannedStop ?? undefined),
            lastTs: Math.max(...fillsOf.map((f) => f.ts)),
          }
        : undefined;
      open.set(symbol, loaded);
      return loaded;
    };

    const start = async (f: ImportFill, fill: Fill, naturalKey: string) => {
      const side = fill.side === 'buy' ? 'long' : 'short';
      const created = await deps.service.insertNewTrade(
        q,
        { userId, symbol: f.symbol, side, fill, tags: f.tag ? [f.tag] : [], source: 'import', naturalKey },
        budget,
      );
      open.set(f.symbol, {
        trade: created.row,
        state: foldFills(side, [fill], created.row.plannedStop ?? undefined),
        lastTs: fill.ts,
      });
      touched.set(created.row.tradeId, created.row);
      result.opened++;
      if (created.linked) result.linked++;
    };

    for (const f of fresh) {
      const fill: Fill = { ts: f.ts, side: f.side, qty: f.qty, price: f.price, fee: f.fee };
      const cur = await current(f.symbol);
      if (cur && f.ts < cur.lastTs) {
        result.refused.push({
          line: f.line,
          reason: `${f.symbol} fill at ${new Date(f.ts).toISOString()} is earlier than the open trade's last fill (${new Date(cur.lastTs).toISOString()}); import older fills first`,
        });
        continue;
      }
      const kind = classifyFill(cur?.state, fill);
      result.added++;
      if (!cur || kind === 'open') {
        await start(f, fill, f.naturalKey);
        continue;
      }
      touched.set(cur.trade.tradeId, cur.trade);
      // A closing fill is settled at once: the next trade in the symbol may only open once this one is closed.
      const settle = async () => {
        touched.delete(cur.trade.tradeId);
        result.trades.push(await deps.service.refresh(q, cur.trade, marks.get(f.symbol)));
        result.closed++;
        open.set(f.symbol, undefined);
      };
      if (kind === 'flip') {
        const closeQty = cur.state.openQty;
        const feeShare = (f.fee * closeQty) / f.qty;
        await append(q, cur, { ...fill, qty: closeQty, fee: feeShare }, 'close', f.naturalKey);
        await settle();
        await start(f, { ...fill, qty: f.qty - closeQty, fee: f.fee - feeShare }, `${f.naturalKey}:flip`);
      } else {
        await append(q, cur, fill, kind, f.naturalKey);
        if (kind === 'close') await settle();
      }
    }
    for (const trade of touched.values())
      result.trades.push(await deps.service.refresh(q, trade, marks.get(trade.symbol)));
    return result;
  });
}

async function append(
  q: TradeQueries,
  cur: OpenState,
  fill: Fill,
  fillType: 'add' | 'reduce' | 'close',
  naturalKey: string,
): Promise<void> {
  cur.state = applyFill(cur.state, fill, cur.trade.plannedStop ?? undefined);
  cur.lastTs = fill.ts;
  await q.appendFill({
    tradeId: cur.trade.tradeId,
    userId: cur.trade.userId,
    ts: new Date(fill.ts),
    side: fill.side,
    price: fill.price,
    qty: fill.qty,
    fee: fill.fee ?? 0,
    fillType,
    source: 'import',
    naturalKey,
  });
}
