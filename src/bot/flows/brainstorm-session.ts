import {
  BRAINSTORM_MODE,
  journalNote,
  loadFacts,
  planLine,
  withTurn,
  type TradeIdeaDraft,
  type TurnDeps,
} from '../brainstorm/index.js';
import { textReply, type Reply } from '../types.js';
import type { FlowContext, FlowResult } from './types.js';

// The bookkeeping of a brainstorm session: what a turn needs, how a turn is recorded in the
// draft's own transcript, and saving that transcript to the journal.

export async function turnDeps(ctx: FlowContext): Promise<TurnDeps> {
  const { services, userId } = ctx;
  await services.symbols.refresh();
  return {
    userId,
    isKnownSymbol: (s) => services.symbols.has(s),
    listSymbols: async () => (await services.market.listTickers()).map((t) => t.symbol),
    facts: (symbol, timeframe) =>
      loadFacts(
        { builder: services.brainstorm.builder, userContext: (id) => services.evaluation.userContext(id) },
        userId,
        symbol,
        timeframe,
      ),
    llm: services.llm,
    onLlmError: (error) =>
      services.logger.warn({ err: error, userId }, 'brainstorm extraction by LLM failed; parser result used'),
  };
}

/** Stores the turn in the draft's own transcript (what "Save chat to journal" keeps) and the draft in the session. */
export function done(
  ctx: FlowContext,
  traderText: string,
  draft: TradeIdeaDraft | undefined,
  reply: Reply,
  mode: string,
): FlowResult {
  if (!draft) return { reply, state: { ...ctx.state, draft: undefined }, mode };
  const said = [reply.title, reply.text, ...reply.issues.map((i) => `${i.severity}: ${i.message}`)]
    .filter(Boolean)
    .join('\n');
  const recorded = withTurn(withTurn(draft, 'trader', traderText), 'buddy', said);
  return { reply, state: { ...ctx.state, draft: recorded }, mode };
}

export async function saveChat(
  ctx: FlowContext,
  traderText: string,
  draft: TradeIdeaDraft,
): Promise<FlowResult> {
  const found = draft.evalId ? await ctx.services.evaluations.getEvaluation(draft.evalId) : undefined;
  const recorded = withTurn(draft, 'trader', traderText);
  const sourceKey = `brainstorm:${draft.id}:${draft.evalId ?? 'draft'}`;
  const { journal } = ctx.services.trading;
  const entry = {
    userId: ctx.userId,
    sessionId: ctx.session.sessionId,
    intentId: draft.intentId ?? null,
    evalId: draft.evalId ?? null,
    kind: 'conversation' as const,
    symbol: draft.symbol ?? null,
    tags: ['brainstorm', ...(draft.symbol ? [draft.symbol] : []), ...(draft.side ? [draft.side] : [])],
    sourceKey,
    noteText: journalNote(
      recorded,
      found
        ? { score: found.evaluation.overallScore, severity: found.evaluation.overallSeverity }
        : undefined,
    ),
  };
  const row = (await journal.add(entry)) ?? (await journal.findBySource(ctx.userId, sourceKey));
  const evaluated = draft.status !== 'open';
  const saved: TradeIdeaDraft = {
    ...draft,
    journalId: row?.journalId,
    status: evaluated ? 'saved' : draft.status,
  };
  const turns = recorded.transcript.length;
  const reply = {
    ...textReply(
      'Saved to your journal',
      `${turns} messages, the plan${found ? ` and its evaluation (${found.evaluation.overallScore}/100)` : ''} are in journal entry ${row?.journalId ?? '(not stored)'}.${evaluated ? '' : ' We can keep going: say "evaluate" when ready.'}`,
    ),
    sections: [{ heading: 'Plan', text: planLine(draft, undefined) }],
  };
  return done(ctx, traderText, saved, reply, evaluated ? 'idle' : BRAINSTORM_MODE);
}
