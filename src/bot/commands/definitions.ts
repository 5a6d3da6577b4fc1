import { z } from 'zod';
import { TRADE_IDEA_EXAMPLE } from '../parsing/index.js';
import { defineCommand } from './define.js';
import type { Command } from './types.js';

const words = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const join = (...parts: (string | undefined)[]) => parts.filter((p) => p !== undefined && p !== '').join(' ');
const needs = (ctx: z.RefinementCtx, path: string, message: string) =>
  ctx.addIssue({ code: 'custom', path: [path], message });

/** Every slash command, once. Slack and Discord both build theirs from this list. */
export const COMMAND_LIST: readonly Command[] = [
  defineCommand({
    name: 'evaluate',
    description: 'Audit a trade idea you already have: score, issues with their numbers, mitigations',
    usage: `/evaluate ${TRADE_IDEA_EXAMPLE}`,
    options: [
      {
        name: 'idea',
        description: `Your idea, e.g. ${TRADE_IDEA_EXAMPLE}`,
        type: 'string',
        required: true,
        maxLength: 1000,
      },
    ],
    schema: z.object({ idea: words(1000).min(1, 'describe the idea, e.g. ' + TRADE_IDEA_EXAMPLE) }),
    toText: (o) => o.idea,
    whenMissing: {
      title: 'Evaluation is not available',
      text: 'This installation has no evaluation flow registered.',
    },
  }),
  defineCommand({
    name: 'brainstorm',
    description: 'Work an idea out step by step before evaluating it',
    usage: '/brainstorm [what you are looking at]',
    options: [
      {
        name: 'idea',
        description: 'What you are looking at, e.g. "SPX pulling back to the 50-day"',
        type: 'string',
        required: false,
        maxLength: 1000,
      },
    ],
    schema: z.object({ idea: words(1000).optional() }),
    toText: (o) => o.idea ?? '',
    whenMissing: {
      title: 'Brainstorm is not here yet',
      text: `Brainstorm mode is coming in a later release. For now, give me an idea you already have with /evaluate, e.g. \`${TRADE_IDEA_EXAMPLE}\`.`,
    },
  }),
  defineCommand({
    name: 'ask',
    description: 'Ask about a trading concept: answered from the knowledge base, every passage cited',
    usage: '/ask what does ATR mean and how do people use it for stops?',
    options: [
      {
        name: 'question',
        description: 'e.g. "how big a position with 1% risk on a 50k account with a $2 stop"',
        type: 'string',
        required: true,
        maxLength: 1000,
      },
    ],
    schema: z.object({ question: words(1000).min(1, 'ask a question, e.g. what is an ATR stop?') }),
    toText: (o) => o.question,
    whenMissing: {
      title: 'Knowledge answers are not available',
      text: 'This installation has no /ask flow registered.',
    },
  }),
  defineCommand({
    name: 'journal',
    description: 'Add to, list or search your trading journal',
    usage: '/journal add <text> [#tags] [$SYMBOL] | /journal list [n] | /journal search <words>',
    options: [
      {
        name: 'action',
        description: 'add, list or search',
        type: 'string',
        required: true,
        choices: ['add', 'list', 'search'],
      },
      {
        name: 'text',
        description: 'The note (add), how many (list) or the words (search)',
        type: 'string',
        required: false,
        maxLength: 1000,
      },
    ],
    schema: z
      .object({ action: z.enum(['add', 'list', 'search']), text: words(1000).optional() })
      .superRefine((o, ctx) => {
        if (o.action !== 'list' && !o.text)
          needs(
            ctx,
            'text',
            `/journal ${o.action} needs ${o.action === 'add' ? 'the note' : 'the words to look for'}`,
          );
        if (o.action === 'list' && o.text && !/^\d{1,3}$/.test(o.text))
          needs(ctx, 'text', '/journal list takes how many entries, e.g. 10');
      }),
    toText: (o) => join(o.action, o.text),
    whenMissing: {
      title: 'The journal is not here yet',
      text: 'The trading journal is being added in this release and is not registered in this installation yet.',
    },
  }),
  defineCommand({
    name: 'trade',
    description: 'Record a trade: open, add, close (partial fills too), move the stop, or list',
    usage:
      '/trade open AAPL long 100 @ 185 stop 180 target 195 | /trade close AAPL @ 192 | /trade stop AAPL 182 | /trade list',
    options: [
      {
        name: 'action',
        description: 'open, add, close, stop or list',
        type: 'string',
        required: true,
        choices: ['open', 'add', 'close', 'stop', 'list'],
      },
      {
        name: 'details',
        description: 'e.g. "AAPL long 100 @ 185 stop 180 target 195", "AAPL @ 192" or "AAPL 182" (stop)',
        type: 'string',
        required: false,
        maxLength: 500,
      },
    ],
    schema: z
      .object({ action: z.enum(['open', 'add', 'close', 'stop', 'list']), details: words(500).optional() })
      .superRefine((o, ctx) => {
        if (o.action !== 'list' && !o.details)
          needs(ctx, 'details', `/trade ${o.action} needs the symbol and price, e.g. "AAPL @ 192"`);
      }),
    toText: (o) => join(o.action, o.details),
    whenMissing: {
      title: 'Trades are not here yet',
      text: 'Trade capture is being added in this release and is not registered in this installation yet.',
    },
  }),
  defineCommand({
    name: 'review',
    description: 'Post-trade review of a closed trade',
    usage: '/review [trade]',
    options: [
      {
        name: 'trade',
        description: 'Which trade, e.g. AAPL or a trade id',
        type: 'string',
        required: false,
        maxLength: 200,
      },
    ],
    schema: z.object({ trade: words(200).optional() }),
    toText: (o) => o.trade ?? '',
    whenMissing: {
      title: 'Post-trade review is not here yet',
      text: 'This is a placeholder: post-trade reviews arrive with the review release. Until then, /trade list shows your closed trades and /journal keeps your notes.',
    },
  }),
  defineCommand({
    name: 'buddy',
    description: 'Help, your settings, and the daily summary for this channel',
    usage: '/buddy help | /buddy settings [risk 0.5% ...] | /buddy summary here 17:30 America/New_York',
    options: [
      {
        name: 'topic',
        description: 'help, settings or summary',
        type: 'string',
        required: false,
        choices: ['help', 'settings', 'summary'],
      },
      {
        name: 'details',
        description:
          'For settings: "risk 0.5% rr 2" or "team risk 0.75%"; for summary: "here 17:30 America/New_York"',
        type: 'string',
        required: false,
        maxLength: 200,
      },
    ],
    schema: z.object({
      topic: z.enum(['help', 'settings', 'summary']).optional(),
      details: words(200).optional(),
    }),
    toText: (o) => join(o.topic, o.details),
    whenMissing: { command: 'help' },
  }),
];

export const COMMANDS_BY_NAME: ReadonlyMap<string, Command> = new Map(COMMAND_LIST.map((c) => [c.name, c]));
