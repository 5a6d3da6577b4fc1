import { advance, draftFromIntent, draftIntent } from '../brainstorm/index.js';
import type { TradeIntent } from '../../evaluators/index.js';
import { textReply, type Reply } from '../types.js';
import { askFlow } from './ask.js';
import { turnDeps } from './brainstorm-session.js';
import { evaluateIntent } from './evaluate.js';
import type { Flow } from './types.js';

/** "what if the stop is 2 ATR?", "and with a target of 3050", "same idea on the weekly". */
export const WHAT_IF =
  /^(?:what if|what about|and (?:with|if)|how about|same (?:idea|plan|thing)(?: but)?|same but)\b\s*/i;

/**
 * A what-if names something of the plan; "what if the market gaps?" does not (the parser would read
 * "market" as an entry at market) and is a question.
 */
const PLAN_WORDS =
  /\b(?:stops?|sl|targets?|tp|entry|enter|buy|sell|short|long|flip|weekly|daily|hourly|monthly|timeframe|size|shares|risk|atr|\d+(?:\.\d+)?\s*r)\b|\d/i;

/** The plan's fields that a what-if can move, in words: "stop 2790 → 2700". */
function planChanges(before: TradeIntent, after: TradeIntent): string[] {
  const fields: [string, unknown, unknown][] = [
    ['side', before.side, after.side],
    ['timeframe', before.timeframe, after.timeframe],
    ['entry', before.entry, after.entry],
    ['stop', before.stop ?? 'none', after.stop ?? 'none'],
    ['target', before.targets.join(' / ') || 'none', after.targets.join(' / ') || 'none'],
  ];
  return fields.filter(([, a, b]) => a !== b).map(([name, a, b]) => `${name} ${String(a)} → ${String(b)}`);
}

/** Score and issues before and after, from the stored evaluation and the new report. */
async function whatMoved(
  ctx: Parameters<Flow['run']>[0],
  before: TradeIntent,
  after: TradeIntent,
  report: Reply,
): Promise<string> {
  const previousId = ctx.state.lastEvaluationId;
  const previous = previousId ? await ctx.services.evaluations.getEvaluation(previousId) : undefined;
  const parts = [`Changed: ${planChanges(before, after).join(', ')}.`];
  if (previous && report.badge) {
    const was = previous.evaluation.overallScore;
    const now = report.badge.score;
    parts.push(`Score ${was} → ${now} (${now >= was ? '+' : ''}${now - was}).`);
    const oldCodes = new Set(previous.items.filter((i) => i.shown).map((i) => i.issueCode));
    const newCodes = new Set(report.issues.map((i) => i.code));
    const gone = [...oldCodes].filter((c) => !newCodes.has(c));
    const added = report.issues.filter((i) => !oldCodes.has(i.code)).map((i) => i.code);
    if (gone.length) parts.push(`No longer flagged: ${gone.join(', ')}.`);
    if (added.length) parts.push(`New: ${added.join(', ')}.`);
    if (!gone.length && !added.length)
      parts.push(now === was ? 'The same issues are flagged.' : 'The same issues, at different severities.');
  }
  return parts.join(' ');
}

/**
 * A what-if on the conversation's last idea: the change is read the way brainstorm reads an
 * edit ("stop 2 ATR below", "target 3R", "on the weekly", "short instead"), the changed idea is
 * evaluated, and the reply starts with what moved. No idea yet, or no change in the words: it is
 * a question, answered from the knowledge base.
 */
export const whatIfFlow: Flow = {
  id: 'what-if',
  async run(ctx, args) {
    const before = ctx.state.lastIntent;
    const change = args
      .replace(WHAT_IF, '')
      .replace(/\?+\s*$/, '')
      .trim();
    if (!before || !change || !PLAN_WORDS.test(change)) return askFlow.run(ctx, args);
    const turn = await advance(draftFromIntent(before), change, await turnDeps(ctx));
    const next = draftIntent(turn.draft);
    const changed = next.ok && planChanges(before, next.intent).length > 0;
    const input = turn.input;
    const readable = input?.kind === 'slots' || (input?.kind === 'control' && input.control === 'flip');
    if (!readable) return askFlow.run(ctx, args);
    if (!next.ok)
      return {
        reply: textReply('That change does not make a plan', `${next.problems.join('; ')}.`, 'error'),
      };
    if (!changed)
      return {
        reply: textReply(
          'Nothing changed',
          `"${change}" leaves your ${before.side} ${before.symbol} plan as it was. Name the stop, the target, the entry, the side or the timeframe, e.g. "what if the stop is 2 ATR below?".`,
        ),
      };
    const result = await evaluateIntent(ctx, next.intent, change);
    const moved = await whatMoved(ctx, before, next.intent, result.reply);
    return {
      ...result,
      reply: { ...result.reply, sections: [{ heading: 'What if', text: moved }, ...result.reply.sections] },
    };
  },
};
