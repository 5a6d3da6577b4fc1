import type { ChannelRef, UserRepository } from '../db/index.js';
import { toFill, type TradingServices } from '../trading/index.js';
import type { SummaryInput, SummaryReview } from './daily-summary.js';

export interface SummaryLoaderDeps {
  trading: Pick<TradingServices, 'tradeRows' | 'journal' | 'jobs'>;
  users: Pick<UserRepository, 'getUser'>;
  /** Post-trade reviews of the day's closed trades (ReviewService.forTrades generates missing ones). */
  reviews?:
    | { forTrades(tradeIds: readonly string[]): Promise<ReadonlyMap<string, SummaryReview>> }
    | undefined;
  /**
   * What each trader lets the team channel see (their `disclosure` setting): everything, their
   * trades and evaluations but not their journal, or nothing. Absent = everything.
   */
  disclosure?: ((userId: string) => Promise<'full' | 'summary' | 'private'>) | undefined;
}

/**
 * The activity a channel's summary covers: everyone in the channel's workspace (user ids are
 * "platform:workspace:user"), within (from, to].
 */
export async function loadSummaryInput(
  deps: SummaryLoaderDeps,
  channel: ChannelRef,
  window: { from: Date; to: Date; date: string; timeZone: string },
): Promise<SummaryInput> {
  const prefix = `${channel.platform}:${channel.workspace}:`;
  const [allTrades, allEvaluations, allJournal] = await Promise.all([
    deps.trading.tradeRows.closedBetween(prefix, window.from, window.to),
    deps.trading.jobs.evaluationsBetween(prefix, window.from, window.to),
    deps.trading.journal.between(prefix, window.from, window.to, 50),
  ]);
  const disclosure = new Map<string, string>();
  for (const id of new Set([...allTrades, ...allEvaluations, ...allJournal].map((r) => r.userId)))
    disclosure.set(id, deps.disclosure ? await deps.disclosure(id) : 'full');
  const shared = (row: { userId: string }) => disclosure.get(row.userId) !== 'private';
  const trades = allTrades.filter(shared);
  const evaluations = allEvaluations.filter(shared);
  const journal = allJournal.filter((j) => disclosure.get(j.userId) === 'full');
  const fills = await deps.trading.tradeRows.fillsOfTrades(trades.map((t) => t.tradeId));
  const reviews = deps.reviews
    ? await deps.reviews.forTrades(trades.map((t) => t.tradeId))
    : new Map<string, SummaryReview>();
  const ids = [...new Set([...trades, ...evaluations, ...journal].map((r) => r.userId))];
  const names = new Map<string, string>();
  for (const id of ids) {
    const user = await deps.users.getUser(id);
    names.set(id, user?.displayName ?? id.slice(prefix.length));
  }
  const nameOf = (id: string) => names.get(id) ?? id;
  return {
    date: window.date,
    timeZone: window.timeZone,
    from: window.from,
    to: window.to,
    trades: trades.map((t) => ({
      userName: nameOf(t.userId),
      symbol: t.symbol,
      side: t.side,
      qty: t.qty,
      avgEntry: t.avgEntry,
      avgExit: t.avgExit,
      pnl: t.pnl,
      pnlR: t.pnlR,
      plannedEntry: t.plannedEntry,
      plannedStop: t.plannedStop,
      plannedRisk: t.plannedRisk,
      linkedEvalId: t.linkedEvalId,
      fills: fills.filter((f) => f.tradeId === t.tradeId).map(toFill),
      review: reviews.get(t.tradeId),
    })),
    evaluations: evaluations.map((e) => ({
      userName: nameOf(e.userId),
      symbol: e.symbol,
      score: e.overallScore,
      issues: e.items.map((i) => ({ code: i.issueCode, severity: i.severity, shown: i.shown })),
    })),
    journal: journal.map((j) => ({
      userName: nameOf(j.userId),
      text: j.noteText,
      tags: j.tags,
      symbol: j.symbol,
      kind: j.kind,
    })),
  };
}
