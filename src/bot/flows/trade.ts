import type { TradeRow } from '../../db/index.js';
import { suggestSymbols } from '../../market/symbols.js';
import { fmtQty, money, toFill, tradeVerdict, type TradeChange } from '../../trading/index.js';
import { DISCLAIMER, textReply, type Reply } from '../types.js';
import { parseTradeCommand, TRADE_USAGE, type TradeCommand } from './trade-args.js';
import { reviewSection, stopReply } from './trade-review.js';
import type { Flow, FlowContext } from './types.js';

const px = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4, useGrouping: false });
const signed = (v: number) => `${v >= 0 ? '+' : ''}${money(v)}`;
const rText = (r: number | null) => (r === null ? 'R n/a (no stop)' : `${r >= 0 ? '+' : ''}${r.toFixed(2)}R`);

function usageError(problem: string): Reply {
  return {
    ...textReply('I could not read that trade', problem, 'error'),
    sections: [{ heading: 'Usage', text: TRADE_USAGE }],
  };
}

async function unknownSymbol(ctx: FlowContext, symbol: string): Promise<Reply> {
  const known = (await ctx.services.market.listTickers()).map((t) => t.symbol);
  const near = suggestSymbols(symbol, known);
  const hint = near.length ? ` Did you mean ${near.join(', ')}?` : '';
  return textReply(
    `I have no data for ${symbol}`,
    `${symbol} is not a symbol I know.${hint} Import its bars with \`buddy data import FILE.csv --symbol ${symbol}\`, or import your broker fills with \`buddy trades import\`.`,
    'error',
  );
}

/** The trade's levels; a stop moved since the plan shows as "stop 585 (moved from 570)". */
function levels(t: TradeRow, currentStop: number | undefined = t.plannedStop ?? undefined): string {
  const moved =
    t.plannedStop !== null && currentStop !== t.plannedStop ? ` (moved from ${px(t.plannedStop)})` : '';
  return [
    currentStop !== undefined ? `stop ${px(currentStop)}${moved}` : 'no stop',
    t.plannedTarget !== null ? `target ${px(t.plannedTarget)}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

function openedReply(change: TradeChange): Reply {
  const t = change.trade;
  const risk =
    t.peakRisk !== null
      ? `Risk to the stop ${money(t.peakRisk)}${t.plannedRisk ? ` of ${money(t.plannedRisk)} planned` : ''}.`
      : 'No stop: the risk is open-ended and R cannot be measured. Add one to the plan.';
  const issues = change.riskIssues ?? [];
  const sections: Reply['sections'] = [
    ...(issues.length
      ? [
          {
            heading: 'Outside your rules',
            text: issues.map((i) => `⚠ ${i.message} → ${i.mitigation}`).join('\n'),
          },
        ]
      : []),
    { heading: 'Plan', text: `${levels(t)}. ${risk}` },
  ];
  if (t.entryReason)
    sections.push({
      heading: 'Your reason',
      text: `"${t.entryReason}": recorded; the review counts the warnings you took knowingly as acknowledged.`,
    });
  else if (issues.length)
    sections.push({
      heading: 'Your reason',
      text: 'None recorded: the review counts these warnings as ignored. Next time, say why after `because` at the end of `/trade open`.',
    });
  sections.push({
    heading: 'Linked idea',
    text: change.linked
      ? `Linked to your ${t.side} ${t.symbol} idea${change.linked.evalId ? ` and its evaluation ${change.linked.evalId}` : ''}; the review will compare the fills with it.`
      : `No evaluated ${t.side} ${t.symbol} idea in the last few days to link. Evaluating first lets the review compare plan and execution.`,
  });
  return {
    ...textReply(
      `Opened ${t.side} ${t.symbol}${issues.length ? ' — outside your rules' : ''}`,
      `${fmtQty(t.qty)} @ ${px(change.fill.price)}.${issues.length ? ' Recorded as you traded it: this is your record.' : ''}`,
    ),
    sections,
    footer: `Trade ${t.tradeId}.`,
  };
}

async function closedReply(ctx: FlowContext, change: TradeChange): Promise<Reply> {
  const t = change.trade;
  const f = change.fill;
  if (t.status === 'open') {
    return textReply(
      `Closed ${fmtQty(f.qty)} of ${t.side} ${t.symbol}`,
      `${fmtQty(f.qty)} @ ${px(f.price)}. Realised so far ${signed(t.pnl)}; ${fmtQty(t.openQty)} still open at an average ${px(t.avgEntry)}.`,
    );
  }
  const rows = ctx.services.trading.tradeRows;
  const [fills, currentStop] = await Promise.all([rows.fillsOf(t.tradeId), rows.currentStop(t.tradeId)]);
  const verdict = tradeVerdict({ ...t, currentStop }, fills.map(toFill));
  const failed = verdict.checks.filter((c) => !c.ok);
  return {
    ...textReply(
      `Closed ${t.side} ${t.symbol}: ${signed(t.pnl)} (${rText(t.pnlR)})`,
      `${fmtQty(t.qty)} in @ ${px(t.avgEntry)}, out @ ${px(t.avgExit ?? f.price)}${t.fees ? `, fees ${money(t.fees)}` : ''}. Outcome: ${t.outcomeLabel ?? 'n/a'}.`,
    ),
    sections: [
      {
        heading: failed.length ? 'Plan not followed' : 'Plan followed',
        text: verdict.checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.detail}`).join('\n'),
      },
      await reviewSection(ctx, t),
    ],
    footer: `${DISCLAIMER} Trade ${t.tradeId}.`,
  };
}

async function listReply(ctx: FlowContext): Promise<Reply> {
  const { open, positions, closed } = await ctx.services.trading.trades.list(ctx.userId);
  const marks = new Map(positions.map((p) => [p.symbol, p]));
  const openLines = open.map((t) => {
    const p = marks.get(t.symbol);
    const mark =
      p?.markPrice != null && p.unrealizedPnl != null
        ? `, last close ${px(p.markPrice)} (${signed(p.unrealizedPnl)} open)`
        : '';
    const risk =
      t.openRisk !== undefined
        ? `, open risk to the stop ${money(t.openRisk)}`
        : ', no stop: risk open-ended';
    return `• ${t.side} ${t.symbol} ${fmtQty(t.openQty)} @ ${px(t.avgEntry)}, ${levels(t, t.currentStop)}${risk}${t.pnl ? `, realised ${signed(t.pnl)}` : ''}${mark}`;
  });
  const closedLines = closed.map(
    (t) =>
      `• ${t.closeTs?.toISOString().slice(0, 10) ?? ''} ${t.side} ${t.symbol} ${fmtQty(t.qty)}: ${signed(t.pnl)} (${rText(t.pnlR)})`,
  );
  return {
    ...textReply(
      'Your trades',
      open.length || closed.length
        ? `${open.length} open, ${closed.length} recently closed.`
        : 'No trades yet. Start with `/trade open SPX long 1 @ 2870 stop 2790`.',
    ),
    sections: [
      ...(openLines.length ? [{ heading: 'Open', text: openLines.join('\n') }] : []),
      ...(closedLines.length ? [{ heading: 'Recently closed', text: closedLines.join('\n') }] : []),
    ],
  };
}

async function execute(ctx: FlowContext, command: TradeCommand): Promise<Reply> {
  const trading = ctx.services.trading.trades;
  switch (command.kind) {
    case 'list':
      return listReply(ctx);
    case 'open': {
      const { symbols } = ctx.services;
      await symbols.refresh();
      const known = symbols.ensure ? await symbols.ensure(command.symbol) : symbols.has(command.symbol);
      if (!known) return unknownSymbol(ctx, command.symbol);
      return openedReply(await trading.open({ ...command, userId: ctx.userId }));
    }
    case 'add': {
      const change = await trading.add({ ...command, userId: ctx.userId });
      const t = change.trade;
      return textReply(
        `Added to ${t.side} ${t.symbol}`,
        `${fmtQty(change.fill.qty)} @ ${px(change.fill.price)}: now ${fmtQty(t.openQty)} at an average ${px(t.avgEntry)}${t.peakRisk !== null ? `, peak risk to the stop ${money(t.peakRisk)}` : ''}.`,
      );
    }
    case 'close':
      return closedReply(ctx, await trading.close({ ...command, userId: ctx.userId }));
    case 'stop':
      return stopReply(ctx, command);
  }
}

/** `/trade open|add|close|stop|list`: trade capture in chat; every change is a fill (a stop move is recorded for the review). */
export const tradeFlow: Flow = {
  id: 'trade',
  async run(ctx, args) {
    const parsed = parseTradeCommand(args);
    if (!parsed.ok) return { reply: usageError(parsed.problem) };
    return { reply: await execute(ctx, parsed.command) };
  },
};
