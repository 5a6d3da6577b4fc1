import {
  advance,
  BRAINSTORM_MODE,
  draftFromIntent,
  draftIntent,
  DRAFT_ACTION_PREFIX,
  interpret,
  isResumeText,
  isReviewText,
  newDraft,
  OPTIONAL_SLOTS,
  readDraft,
  REVIEW_MODE,
  sessionMode,
  type TradeIdeaDraft,
} from '../brainstorm/index.js';
import { textReply, type Reply } from '../types.js';
import { done, saveChat, turnDeps } from './brainstorm-session.js';
import { evaluateIntent } from './evaluate.js';
import type { Flow, FlowContext, FlowResult } from './types.js';

const HELP = [
  'We fill in the plan one question at a time; answer in your own words, several things at once if you like:',
  '"long, in at market, stop 1.5 ATR below, target 3R, risk half a percent".',
  'Corrections: "actually make the stop 178", "no, short". "ok" takes my suggestion, "skip" passes an optional question.',
  '"evaluate" audits the draft, "save" puts this chat in your journal, "cancel" pauses (say "resume" later), "start over" discards.',
].join(' ');

async function show(
  ctx: FlowContext,
  traderText: string,
  draft: TradeIdeaDraft,
  text: string | undefined,
  opening: string[] = [],
): Promise<FlowResult> {
  const outcome = await advance(draft, text, await turnDeps(ctx), opening);
  return done(ctx, traderText, outcome.draft, outcome.reply, BRAINSTORM_MODE);
}

async function evaluateDraft(
  ctx: FlowContext,
  traderText: string,
  draft: TradeIdeaDraft,
): Promise<FlowResult> {
  const checked = draftIntent(draft);
  if (!checked.ok)
    return show(ctx, traderText, draft, undefined, [
      `Not ready to evaluate yet: ${checked.problems.join('; ')}.`,
    ]);
  const said = draft.transcript
    .filter((t) => t.role === 'trader')
    .map((t) => t.text)
    .concat(traderText)
    .join(' / ');
  const result = await evaluateIntent(ctx, checked.intent, `brainstorm: ${said}`.slice(0, 2_000));
  const evalId = result.reply.refs?.evaluationId;
  const evaluated: TradeIdeaDraft = {
    ...draft,
    status: 'evaluated',
    evalId,
    intentId: result.reply.refs?.intentId,
    asked: undefined,
    offer: undefined,
  };
  const value = `${DRAFT_ACTION_PREFIX}${draft.id}`;
  const reply: Reply = {
    ...result.reply,
    sections: [
      ...result.reply.sections,
      {
        text: 'Say "save" to keep this chat, the plan and this report in your journal, or "edit" to change the plan.',
      },
    ],
    // Edit keeps the intent id: the surfaces' edit forms load the intent by it, and brainstorm's Edit action matches it to this draft.
    buttons: result.reply.buttons.map((b) =>
      b.id === 'save-journal' ? { ...b, label: 'Save chat to journal', value } : b,
    ),
  };
  return done({ ...ctx, state: result.state ?? ctx.state }, traderText, evaluated, reply, REVIEW_MODE);
}

/** Edit: the draft again, every slot shown, nothing asked until the trader says what to change. */
async function reopen(
  ctx: FlowContext,
  traderText: string,
  draft: TradeIdeaDraft,
  opening: string,
): Promise<FlowResult> {
  const open: TradeIdeaDraft = {
    ...draft,
    status: 'open',
    skipped: [...new Set([...draft.skipped, ...OPTIONAL_SLOTS])],
  };
  return show(ctx, traderText, open, undefined, [opening]);
}

async function onControl(
  ctx: FlowContext,
  text: string,
  draft: TradeIdeaDraft,
  wasIdle: boolean,
): Promise<FlowResult | undefined> {
  const input = interpret(text, draft.asked, (s) => ctx.services.symbols.has(s));
  if (input.kind !== 'control') return undefined;
  const what = draft.symbol ? `${draft.symbol} draft` : 'draft';
  switch (input.control) {
    case 'cancel':
      return done(
        ctx,
        text,
        draft,
        textReply(
          'Brainstorm paused',
          `I kept the ${what}. Say "resume" to pick it up again, or "start over" to discard it.`,
        ),
        'idle',
      );
    case 'discard':
      return {
        reply: textReply(
          'Draft discarded',
          'Start again whenever you like: tell me the idea, e.g. "thinking about TCHA".',
        ),
        state: { ...ctx.state, draft: undefined },
        mode: 'idle',
      };
    case 'help':
      return show(ctx, text, draft, undefined, [HELP]);
    case 'evaluate':
      return evaluateDraft(ctx, text, draft);
    case 'save':
      return saveChat(ctx, text, draft);
    case 'edit':
      return reopen(
        ctx,
        text,
        draft,
        'Here is the draft. What would you like to change? e.g. "stop 178", "target 3R", "no, short".',
      );
    case 'resume':
      return draft.status === 'open'
        ? show(ctx, text, draft, undefined, [wasIdle ? `Back to your ${what}.` : ''])
        : reopen(ctx, text, draft, `Back to your ${what}. What would you like to change?`);
    default:
      return undefined;
  }
}

/**
 * Brainstorm: talks an idea into a TradeIdeaDraft one question at a time, then evaluates it
 * with the normal evaluation and can save the whole chat to the journal.
 */
export const brainstormFlow: Flow = {
  id: 'brainstorm',
  async run(ctx, args) {
    const existing = readDraft(ctx.state.draft);
    const action = ctx.inbound.action;
    if (action) {
      const label = `[${action.id}]`;
      if (!existing || `${DRAFT_ACTION_PREFIX}${existing.id}` !== action.value) {
        return {
          reply: textReply(
            'That draft is gone',
            'This button belongs to a draft that was discarded or replaced. Start a new one with /brainstorm.',
            'error',
          ),
        };
      }
      if (action.id === 'evaluate') return evaluateDraft(ctx, label, existing);
      if (action.id === 'save-journal') return saveChat(ctx, label, existing);
      if (action.id === 'cancel')
        return done(
          ctx,
          label,
          existing,
          textReply('Brainstorm paused', 'Say "resume" to pick it up again.'),
          'idle',
        );
      return reopen(
        ctx,
        label,
        existing,
        'What would you like to change? e.g. "stop 178", "target 3R", "no, short".',
      );
    }
    const text = args.trim();
    const mode = sessionMode(ctx.session, ctx.services.brainstorm.idleMs);
    const inBrainstorm = mode === BRAINSTORM_MODE || mode === REVIEW_MODE;
    const command = ctx.inbound.command === 'brainstorm' || /^\/brainstorm\b/i.test(ctx.inbound.text.trim());
    const shown = command ? `/brainstorm ${text}`.trim() : text;
    if (command && text === '') {
      if (existing?.status === 'open')
        return show(ctx, shown, existing, undefined, [
          `Back to your ${existing.symbol ? `${existing.symbol} ` : ''}draft.`,
        ]);
      return show(ctx, shown, newDraft(), undefined, [
        "Let's shape a trade idea. Tell me as much or as little as you have.",
      ]);
    }
    if (existing && (inBrainstorm || isResumeText(text) || isReviewText(text)) && !command) {
      const handled = await onControl(ctx, text, existing, !inBrainstorm);
      if (handled) return handled;
      if (existing.status === 'open') return show(ctx, shown, existing, text);
      return show(ctx, shown, { ...existing, status: 'open' }, text);
    }
    if (!existing && (isResumeText(text) || isReviewText(text))) {
      return {
        reply: textReply(
          'No draft to go back to',
          'Start one with /brainstorm or just tell me the idea, e.g. "thinking about TCHA".',
        ),
      };
    }
    const replaced =
      existing?.status === 'open' && existing.symbol
        ? [`(I set your earlier ${existing.symbol} draft aside.)`]
        : [];
    return show(ctx, shown, newDraft(), text, replaced);
  },
};

/** The Edit button on a report: the last evaluated idea re-opened as a draft. */
export const brainstormEditFlow: Flow = {
  id: 'brainstorm-edit',
  async run(ctx, args) {
    const existing = readDraft(ctx.state.draft);
    if (existing && (existing.intentId === args || `${DRAFT_ACTION_PREFIX}${existing.id}` === args)) {
      return reopen(
        ctx,
        '[edit]',
        existing,
        'What would you like to change? e.g. "stop 178", "target 3R", "no, short".',
      );
    }
    const intent = ctx.state.lastIntent;
    if (!intent)
      return {
        reply: textReply(
          'Nothing to edit',
          'This conversation has no evaluated idea yet. Tell me one, or start with /brainstorm.',
          'error',
        ),
      };
    return reopen(
      ctx,
      '[edit]',
      draftFromIntent(intent),
      `Editing ${intent.side} ${intent.symbol}. What would you like to change? e.g. "stop 178", "target 3R", "no, short".`,
    );
  },
};
