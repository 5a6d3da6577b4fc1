import { z } from 'zod';
import type { TradeJournalRow } from '../../db/index.js';
import { textReply, type Reply } from '../types.js';
import { canSeeReport } from './details.js';
import type { Flow, FlowContext, FlowResult } from './types.js';

export const JOURNAL_USAGE = [
  '`/journal add <text> [#tags] [$SYMBOL]`, e.g. `/journal add Chased the open again #fomo $TCHA`',
  '`/journal list [n]` (latest n, default 10, at most 50)',
  '`/journal search <words>`',
].join('\n');

const MAX_NOTE = 2_000;
const MAX_SAVED = 6_000;
const TRANSCRIPT_MESSAGES = 20;

const NoteSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'the note is empty')
    .max(MAX_NOTE, `keep a note under ${MAX_NOTE} characters`),
  tags: z.array(z.string().min(1).max(40)).max(10, 'at most 10 tags'),
  symbol: z
    .string()
    .regex(/^[A-Z][A-Z0-9.^=-]{0,14}$/)
    .optional(),
});

/** "#fomo #A+setup $tcha ..." -> tags and the first $SYMBOL; the text keeps them as typed. */
export function parseNote(text: string): { text: string; tags: string[]; symbol: string | undefined } {
  const tags = [
    ...new Set([...text.matchAll(/(?:^|\s)#([\w+-]{1,40})/g)].map((m) => (m[1] ?? '').toLowerCase())),
  ];
  const symbol = /(?:^|\s)\$([A-Za-z][A-Za-z0-9.^=-]{0,14})\b/.exec(text)?.[1]?.toUpperCase();
  return { text: text.trim(), tags, symbol };
}

function usage(problem: string): FlowResult {
  return {
    reply: {
      ...textReply('Journal', problem, 'error'),
      sections: [{ heading: 'Usage', text: JOURNAL_USAGE }],
    },
  };
}

function entryLine(e: TradeJournalRow): string {
  const text = e.noteText.replace(/\s+/g, ' ');
  const short = text.length > 160 ? `${text.slice(0, 159)}…` : text;
  return `• ${e.createdAt.toISOString().slice(0, 16).replace('T', ' ')}${e.kind !== 'note' ? ` [${e.kind}]` : ''} ${short}`;
}

function listReply(title: string, rows: TradeJournalRow[], empty: string): Reply {
  return {
    ...textReply(title, rows.length ? `${rows.length} entr${rows.length === 1 ? 'y' : 'ies'}.` : empty),
    sections: rows.length ? [{ text: rows.map(entryLine).join('\n') }] : [],
  };
}

async function add(ctx: FlowContext, raw: string): Promise<FlowResult> {
  const checked = NoteSchema.safeParse(parseNote(raw));
  if (!checked.success) return usage(`${checked.error.issues.map((i) => i.message).join('; ')}.`);
  const note = checked.data;
  // A note about a symbol with an open trade belongs to that trade (and to the plan it carries out).
  const trade = note.symbol
    ? await ctx.services.trading.tradeRows.openTradeFor(ctx.userId, note.symbol)
    : undefined;
  const saved = await ctx.services.trading.journal.add({
    userId: ctx.userId,
    noteText: note.text,
    tags: note.tags,
    symbol: note.symbol ?? null,
    kind: 'note',
    sessionId: ctx.session.sessionId,
    tradeId: trade?.tradeId ?? null,
    intentId: trade?.linkedIntentId ?? null,
    evalId: trade?.linkedEvalId ?? null,
  });
  const links = [
    note.symbol,
    ...note.tags.map((t) => `#${t}`),
    trade ? `linked to your open ${trade.side} ${trade.symbol} trade` : undefined,
  ].filter(Boolean);
  return {
    reply: textReply(
      'Saved to your journal',
      `${links.length ? `${links.join(' · ')}. ` : ''}Entry ${saved?.journalId ?? ''}.`,
    ),
  };
}

async function list(ctx: FlowContext, raw: string): Promise<FlowResult> {
  const n = raw.trim() === '' ? 10 : Number(raw.trim());
  if (!Number.isInteger(n) || n < 1 || n > 50) return usage(`"${raw.trim()}" is not a count from 1 to 50.`);
  const rows = await ctx.services.trading.journal.list(ctx.userId, n);
  return {
    reply: listReply(
      'Your journal',
      rows,
      'Your journal is empty. Add a note with `/journal add ...` or press "Save to journal" on a Buddy Report.',
    ),
  };
}

async function search(ctx: FlowContext, raw: string): Promise<FlowResult> {
  const words = raw.trim();
  if (!words) return usage('Give the words to search for, e.g. `/journal search breakout volume`.');
  if (words.length > 200) return usage('Keep the search under 200 characters.');
  const rows = await ctx.services.trading.journal.search(ctx.userId, words, 20);
  return { reply: listReply(`Journal: "${words}"`, rows, `Nothing in your journal matches "${words}".`) };
}

/** `/journal add|list|search`. */
export const journalFlow: Flow = {
  id: 'journal',
  async run(ctx, args) {
    const [, sub = '', rest = ''] = /^\s*(\S*)\s*([\s\S]*)$/.exec(args) ?? [];
    switch (sub.toLowerCase()) {
      case 'add':
        return add(ctx, rest);
      case 'list':
      case 'ls':
        return list(ctx, rest);
      case 'search':
      case 'find':
        return search(ctx, rest);
      default:
        return usage(sub ? `I do not know \`/journal ${sub}\`.` : 'What should I do with the journal?');
    }
  },
};

/** The transcript of this conversation, oldest first, capped so one entry stays readable. */
async function transcript(ctx: FlowContext): Promise<string> {
  const messages = (await ctx.services.conversations.listMessages(ctx.session.sessionId)).filter(
    (m) => !m.content.startsWith('[button '),
  );
  return messages
    .slice(-TRANSCRIPT_MESSAGES)
    .map((m) => `${m.role === 'user' ? 'You' : 'Buddy'}: ${m.content}`)
    .join('\n');
}

/** The "Save to journal" button: stores the Buddy Report (and the conversation) linked to its evaluation. */
export const saveJournalFlow: Flow = {
  id: 'save-journal',
  async run(ctx, value) {
    const evalId = z.uuid().safeParse(value.trim());
    if (!evalId.success)
      return {
        reply: textReply('Nothing to save', 'That button does not point at a Buddy Report.', 'error'),
      };
    const found = await ctx.services.evaluations.getEvaluation(evalId.data);
    // A report the caller may not see is treated as unknown.
    if (!found || !(await canSeeReport(ctx, found.evaluation.userId)))
      return { reply: textReply('Nothing to save', 'I cannot find that Buddy Report.', 'error') };
    const sourceKey = `eval:${evalId.data}`;
    const before = await ctx.services.trading.journal.findBySource(ctx.userId, sourceKey);
    if (before)
      return {
        reply: textReply(
          'Already in your journal',
          `You saved this report on ${before.createdAt.toISOString().slice(0, 10)} (entry ${before.journalId}).`,
        ),
      };
    const { evaluation, intent, items } = found;
    const plan = [
      `${intent.side} ${intent.symbol} @ ${intent.proposedEntry}`,
      intent.proposedStop !== null ? `stop ${intent.proposedStop}` : 'no stop',
      intent.proposedTarget !== null ? `target ${intent.proposedTarget}` : 'no target',
    ].join(' · ');
    const issues = items.filter((i) => i.shown).map((i) => `- [${i.severity}] ${i.message}`);
    const body = [
      `Buddy Report: ${plan}. Score ${evaluation.overallScore}/100 (${evaluation.overallSeverity}).`,
      ...issues,
      intent.thesis ? `Thesis: ${intent.thesis}` : '',
      '',
      await transcript(ctx),
    ]
      .join('\n')
      .trim();
    const saved = await ctx.services.trading.journal.add({
      userId: ctx.userId,
      kind: 'report',
      noteText: body.length > MAX_SAVED ? `${body.slice(0, MAX_SAVED - 1)}…` : body,
      tags: ['buddy-report'],
      symbol: intent.symbol,
      intentId: intent.intentId,
      evalId: evaluation.evalId,
      sessionId: ctx.session.sessionId,
      sourceKey,
    });
    return {
      reply: textReply(
        'Saved to your journal',
        `The ${intent.side} ${intent.symbol} report (score ${evaluation.overallScore}) and this conversation are in your journal${saved ? ` as entry ${saved.journalId}` : ''}.`,
      ),
    };
  },
};
