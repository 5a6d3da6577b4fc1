import { z } from 'zod';
import { canRead } from '../../accounts/index.js';
import { textReply, type Reply } from '../types.js';
import type { Flow, FlowContext } from './types.js';

/** Platforms whose reports are posted in shared channels: anyone there has seen the report already. */
const CHANNEL_PLATFORMS: ReadonlySet<string> = new Set(['slack', 'discord']);

/**
 * May the caller open (or save) a report by its id? Their own; in Slack and Discord a colleague's
 * report from the same workspace (it was posted in a channel they share, and its button is under
 * it); elsewhere only what the accounts let them read (an admin, a team lead of a member who shares).
 */
export async function canSeeReport(ctx: FlowContext, ownerId: string): Promise<boolean> {
  if (ownerId === ctx.userId) return true;
  const workspace = ctx.userId.split(':').slice(0, 2).join(':');
  if (CHANNEL_PLATFORMS.has(ctx.inbound.platform) && ownerId.startsWith(`${workspace}:`)) return true;
  const [caller, owner] = await Promise.all([
    ctx.services.accounts.fromIdentity(ctx.userId, ctx.inbound.platform),
    ctx.services.accounts.owner(ownerId),
  ]);
  return owner !== undefined && canRead(caller, owner);
}

type Found = { reply: Reply; evalId: string } | { error: Reply };

/** The full stored report: the one a Details button points at, or the newest of this conversation. */
async function findReport(ctx: FlowContext, value: string): Promise<Found> {
  const { services } = ctx;
  const id = z.uuid().safeParse(value.trim());
  let sessionId: string | null = ctx.session.sessionId;
  if (id.success) {
    const found = await services.evaluations.getEvaluation(id.data);
    if (!found || !(await canSeeReport(ctx, found.evaluation.userId)))
      return { error: textReply('No such report', 'I cannot find that Buddy Report.', 'error') };
    sessionId = found.intent.sessionId;
  }
  const row = sessionId
    ? await services.conversations.findReport(sessionId, id.success ? id.data : undefined)
    : undefined;
  const reply = row?.reply as Reply | undefined | null;
  const evalId = reply?.refs?.evaluationId ?? (id.success ? id.data : undefined);
  if (!reply || !evalId) {
    return {
      error: textReply(
        id.success ? 'No details kept for that report' : 'No report yet',
        id.success
          ? `That evaluation was not answered in a conversation; its audit has everything: GET /api/evaluations/${id.data}/audit.`
          : 'This conversation has no Buddy Report yet. Type an idea, e.g. `long SPX 2870 stop 2790 target 3050`.',
        'error',
      ),
    };
  }
  return { reply, evalId };
}

/** `details` / the Details button: the whole report, every issue with its numbers and every agent's evidence. */
export const detailsFlow: Flow = {
  id: 'details',
  async run(ctx, value) {
    const found = await findReport(ctx, value);
    if ('error' in found) return { reply: found.error };
    const { reply, evalId } = found;
    // The chart may have been drawing when the report went out; by now it is usually stored.
    const status = await ctx.services.evaluation.chartStatus(evalId);
    const chart = status?.chart
      ? {
          chartId: status.chart.chartId,
          url: status.chart.url,
          alt: status.chart.alt,
          path: status.chart.path,
        }
      : reply.chart;
    const { replayed: _replayed, ...rest } = reply;
    return {
      reply: {
        ...rest,
        title: `${reply.title} (details)`,
        view: 'full',
        ...(chart ? { chart } : {}),
      },
    };
  },
};

/** `why 2`: one issue of the newest report with all its numbers and its fix. */
export const whyFlow: Flow = {
  id: 'why',
  async run(ctx, args) {
    const match = /^\s*(\d{1,2})\s*$/.exec(args);
    const found = await findReport(ctx, '');
    if ('error' in found) return { reply: found.error };
    const { issues } = found.reply;
    const n = match ? Number(match[1]) : Number.NaN;
    const issue = issues[n - 1];
    if (!issue) {
      const range =
        issues.length === 0 ? 'it has no issues' : `ask for 1 to ${issues.length}, e.g. \`why 1\``;
      return {
        reply: textReply(
          'Which issue?',
          `${match ? `The last report has no issue ${n}` : 'Say which issue by its number'}: ${range}.`,
          'error',
        ),
      };
    }
    return {
      reply: {
        ...textReply(`Issue ${n} of ${found.reply.title}`, issue.message),
        sections: [
          ...(issue.evidence.length
            ? [{ heading: 'Numbers', text: issue.evidence.map((e) => `${e.label}: ${e.value}`).join(' · ') }]
            : []),
          { heading: 'What would change it', text: issue.mitigation },
          { heading: 'Check', text: `${issue.module} (${issue.code}), severity ${issue.severity}` },
        ],
        refs: { evaluationId: found.evalId },
      },
    };
  },
};
