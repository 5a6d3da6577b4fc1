import { realisedPnl } from '../evaluators/trade-math.js';
import type { ReviewFill } from './types.js';

export interface FillSummary {
  avgEntry: number;
  avgExit: number;
  qtyIn: number;
  qtyOut: number;
  maxQty: number;
  pnl: number;
  fees: number;
  openTs: number;
  closeTs: number;
  /** Every fill that opened or added, in order. */
  entries: { price: number; qty: number }[];
  /** Fills that added to the position after the first one, with the open P&L per share at that moment. */
  adds: { ts: number; price: number; qty: number; avgBefore: number; underwaterBy: number }[];
}

/** Averages, size and P&L of a trade from its fills. `dir` is +1 for long, -1 for short. Pure. */
export function summarizeFills(side: 'long' | 'short', fills: readonly ReviewFill[]): FillSummary {
  if (fills.length === 0) throw new Error('a trade needs at least one fill');
  const dir = side === 'long' ? 1 : -1;
  const sorted = [...fills].sort((a, b) => a.ts - b.ts);
  let inQty = 0;
  let inCost = 0;
  let outQty = 0;
  let outValue = 0;
  let position = 0;
  let maxQty = 0;
  let fees = 0;
  const adds: FillSummary['adds'] = [];
  const entries: FillSummary['entries'] = [];
  for (const fill of sorted) {
    const qty = Math.abs(fill.qty);
    fees += fill.fees ?? 0;
    if (Math.sign(fill.qty) === dir) {
      if (inQty > 0 && position > 0) {
        const avgBefore = inCost / inQty;
        adds.push({
          ts: fill.ts,
          price: fill.price,
          qty,
          avgBefore,
          underwaterBy: dir * (avgBefore - fill.price),
        });
      }
      inQty += qty;
      inCost += qty * fill.price;
      entries.push({ price: fill.price, qty });
      position += qty;
    } else {
      outQty += qty;
      outValue += qty * fill.price;
      position -= qty;
    }
    maxQty = Math.max(maxQty, position);
  }
  const avgEntry = inQty > 0 ? inCost / inQty : Number.NaN;
  const avgExit = outQty > 0 ? outValue / outQty : Number.NaN;
  const closedQty = Math.min(inQty, outQty);
  const pnl = realisedPnl(side, avgEntry, avgExit, closedQty, fees);
  return {
    avgEntry,
    avgExit,
    qtyIn: inQty,
    qtyOut: outQty,
    maxQty,
    pnl: Number.isFinite(pnl) ? pnl : -fees,
    fees,
    openTs: sorted[0]?.ts ?? 0,
    closeTs: sorted[sorted.length - 1]?.ts ?? 0,
    adds,
    entries,
  };
}
