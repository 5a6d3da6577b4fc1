import {
  buildDailySummary,
  checkTimeZone,
  latestSlot,
  loadSummaryInput,
  nextSlot,
  parseLocalTime,
  TIME_ZONE_EXAMPLES,
} from '../../jobs/index.js';
import { localDate } from '../../trading/index.js';
import { DISCLAIMER, textReply, type Reply } from '../types.js';
import { JOURNAL_USAGE } from './journal.js';
import { SETTINGS_USAGE, settingsFlow } from './settings.js';
import { TRADE_USAGE } from './trade-args.js';
import type { Flow, FlowContext, FlowResult } from './types.js';

const SUMMARY_EXAMPLE = '/buddy summary here 17:30 America/New_York';
const DAY_MS = 86_400_000;

function helpReply(): Reply {
  return {
    ...textReply(
      'Trading Buddy commands',
      'I audit your own trade ideas against market data and your rules; I never predict prices.',
      'help',
    ),
    sections: [
      {
        heading: 'Evaluate',
        text: '`/evaluate long SPX 2870 stop 2790 target 3050` (or just type the idea)',
      },
      { heading: 'Trades', text: TRADE_USAGE },
      { heading: 'Your settings', text: SETTINGS_USAGE },
      { heading: 'Journal', text: JOURNAL_USAGE },
      {
        heading: 'Daily summary',
        text: `\`${SUMMARY_EXAMPLE}\` posts the team's closed trades, evaluations, journal highlights and lessons to this channel each weekday. \`/buddy summary\` shows the setting, \`/buddy summary preview\` shows today's so far, \`/buddy summary off\` stops it.`,
      },
    ],
    footer: DISCLAIMER,
  };
}

function error(title: string, text: string): FlowResult {
  return { reply: textReply(title, text, 'error') };
}

const channelOf = (ctx: FlowContext) => ({
  platform: ctx.inbound.platform,
  workspace: ctx.inbound.workspace,
  channel: ctx.inbound.channel,
});

async function subscribe(ctx: FlowContext, words: string[]): Promise<FlowResult> {
  const rest = words.filter((w) => w.toLowerCase() !== 'at');
  const [timeText, ...zoneWords] = rest;
  const localTime = timeText === undefined ? undefined : parseLocalTime(timeText);
  if (!localTime) {
    return error(
      'When should I post?',
      `${timeText ? `"${timeText}" is not a time. ` : ''}Give a 24-hour time and an IANA time zone, e.g. \`${SUMMARY_EXAMPLE}\`.`,
    );
  }
  if (zoneWords.length === 0)
    return error(
      'Which time zone?',
      `Add an IANA time zone such as ${TIME_ZONE_EXAMPLES}, e.g. \`${SUMMARY_EXAMPLE}\`.`,
    );
  const zone = checkTimeZone(zoneWords.join('_'));
  if (!zone.ok) return error('Unknown time zone', `${zone.message} Example: \`${SUMMARY_EXAMPLE}\`.`);
  const now = ctx.services.trading.now();
  const sub = await ctx.services.trading.jobs.subscribe({
    ...channelOf(ctx),
    localTime,
    timeZone: zone.timeZone,
    createdBy: ctx.userId,
    now,
  });
  const next = nextSlot(sub, now);
  return {
    reply: textReply(
      'Daily summary set up',
      `I will post the team's post-trade summary here at ${localTime} ${zone.timeZone} on weekdays${next ? `; the next one is on ${localDate(next.getTime(), zone.timeZone)} (${next.toISOString()})` : ''}. \`/buddy summary off\` stops it.`,
    ),
  };
}

async function status(ctx: FlowContext): Promise<FlowResult> {
  const sub = await ctx.services.trading.jobs.getSubscription(channelOf(ctx));
  if (!sub?.enabled)
    return { reply: textReply('No daily summary here', `Set one up with \`${SUMMARY_EXAMPLE}\`.`) };
  const next = nextSlot(sub, ctx.services.trading.now());
  return {
    reply: textReply(
      'Daily summary',
      `This channel gets the summary at ${sub.localTime} ${sub.timeZone} on weekdays${next ? `; next on ${localDate(next.getTime(), sub.timeZone)}` : ''}.`,
    ),
  };
}

/** What the next summary would say if it ran now: from the last scheduled run (or 24 h) until now. */
async function preview(ctx: FlowContext): Promise<FlowResult> {
  const sub = await ctx.services.trading.jobs.getSubscription(channelOf(ctx));
  const now = ctx.services.trading.now();
  const timeZone = sub?.enabled ? sub.timeZone : 'UTC';
  const from = (sub?.enabled ? latestSlot(sub, now) : undefined) ?? new Date(now.getTime() - DAY_MS);
  const input = await loadSummaryInput(
    {
      trading: ctx.services.trading,
      users: ctx.services.users,
      reviews: ctx.services.review,
      disclosure: async (userId) => (await ctx.services.settings.forUser(userId)).values.disclosure,
    },
    channelOf(ctx),
    {
      from,
      to: now,
      date: localDate(now.getTime(), timeZone),
      timeZone,
    },
  );
  const reply = buildDailySummary(input);
  return { reply: { ...reply, title: `Preview: ${reply.title}` } };
}

async function summary(ctx: FlowContext, words: string[]): Promise<FlowResult> {
  const [sub = '', ...rest] = words;
  switch (sub.toLowerCase()) {
    case 'here':
      return subscribe(ctx, rest);
    case 'off':
    case 'stop': {
      const stopped = await ctx.services.trading.jobs.unsubscribe(channelOf(ctx), ctx.services.trading.now());
      return {
        reply: textReply(
          stopped ? 'Daily summary off' : 'No daily summary here',
          stopped
            ? 'This channel will not get the daily summary any more.'
            : `Nothing to stop. Set one up with \`${SUMMARY_EXAMPLE}\`.`,
        ),
      };
    }
    case 'preview':
    case 'now':
      return preview(ctx);
    case '':
    case 'status':
      return status(ctx);
    default:
      return error(
        'Daily summary',
        `I do not know \`/buddy summary ${sub}\`. Try \`${SUMMARY_EXAMPLE}\`, \`/buddy summary off\` or \`/buddy summary preview\`.`,
      );
  }
}

/** `/buddy help`, `/buddy settings ...`, `/buddy summary here HH:MM Zone|off|preview`. */
export const buddyFlow: Flow = {
  id: 'buddy',
  async run(ctx, args) {
    const [sub = '', ...rest] = args.trim().split(/\s+/).filter(Boolean);
    switch (sub.toLowerCase()) {
      case 'summary':
        return summary(ctx, rest);
      case 'settings':
      case 'setting':
        return settingsFlow.run(ctx, rest.join(' '));
      case '':
      case 'help':
      case 'commands':
        return { reply: helpReply() };
      default:
        return {
          reply: {
            ...helpReply(),
            kind: 'error',
            text: `I do not know \`/buddy ${sub}\`. These are the commands:`,
          },
        };
    }
  },
};
