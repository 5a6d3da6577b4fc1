import type { types } from '@slack/bolt';
import { compactReport, moreText } from '../../reply/index.js';
import type { AgentCard, Reply, ReplyIssue } from '../types.js';
import { neutraliseMentions } from './mentions.js';
import { escapeSlack, PARTIAL_ENTITY, splitText, truncate, truncateEscaped } from './text-limits.js';

type Block = types.KnownBlock;

/** Block Kit limits (docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3_000,
  headerText: 150,
  contextText: 3_000,
  buttonText: 75,
  buttonValue: 2_000,
  actionsElements: 25,
  imageAlt: 2_000,
  imageUrl: 3_000,
  fallbackText: 3_000,
} as const;

export interface SlackMessage {
  /** Notification and screen-reader text. */
  text: string;
  blocks: Block[];
  /** A chart file for the adapter to upload next to the message (files.uploadV2). */
  upload?: { path: string; alt: string };
  /** The chart of this evaluation is still drawing: the adapter uploads it next to the message when ready. */
  followUp?: { evaluationId: string };
}

export interface SlackRenderOptions {
  /** Whether the adapter can upload a local chart file to where this message goes. */
  canUpload: boolean;
}

const EMOJI: Record<string, string> = {
  critical: ':no_entry:',
  high: ':red_circle:',
  medium: ':large_orange_circle:',
  low: ':large_yellow_circle:',
  info: ':information_source:',
  ok: ':white_check_mark:',
};

/** Neutralised and escaped: what any user or model text becomes before it enters mrkdwn. */
const md = (text: string) => escapeSlack(neutraliseMentions(text));
const plain = (text: string, max: number) => truncate(neutraliseMentions(text), max) || '·';
const mrkdwnSection = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncateEscaped(text, SLACK_LIMITS.contextText) }],
});

/** A piece of the body that is shown whole or not at all. */
interface Unit {
  kind: 'text' | 'issue' | 'agent' | 'chart';
  blocks: Block[];
}

/**
 * A Reply as one Block Kit message within Slack's limits: long text is split over several
 * sections, single fields are cut with a visible marker, and what does not fit in 50 blocks
 * is replaced by a line saying how much was left out.
 */
export function renderSlack(full: Reply, options: SlackRenderOptions = { canUpload: false }): SlackMessage {
  const reply = compactReport(full);
  const badge = reply.badge ? ` · ${reply.badge.score}/100` : '';
  const title = reply.title.trim() || 'Trading Buddy';
  const header: Block = {
    type: 'header',
    text: {
      type: 'plain_text',
      text: plain(
        `${truncate(title, SLACK_LIMITS.headerText - badge.length)}${badge}`,
        SLACK_LIMITS.headerText,
      ),
      emoji: true,
    },
  };

  const units: Unit[] = [];
  const lead = [
    reply.badge
      ? `${EMOJI[reply.badge.severity] ?? ''} *${md(reply.badge.label)}* · score *${reply.badge.score}*/100`
      : '',
    reply.text ? md(reply.text) : '',
  ]
    .filter(Boolean)
    .join('\n');
  if (lead) units.push(...textUnits(lead));
  for (const section of reply.sections) {
    const body = md(section.text).trim();
    if (!body && !section.heading) continue;
    units.push(...textUnits(section.heading ? `*${md(section.heading)}*\n${body}` : body));
  }
  reply.issues.forEach((issue, i) => units.push(issueUnit(issue, i, reply.view !== 'compact')));
  for (const card of reply.agents) units.push(agentUnit(card));
  for (const line of reply.tail ?? [])
    units.push(...textUnits(line.heading ? `*${md(line.heading)}:* ${md(line.text)}` : md(line.text)));
  const more = moreText(reply.more);
  if (more)
    units.push({
      kind: 'text',
      blocks: [context(`${md(more)}: press Details for every issue with its numbers.`)],
    });
  const chart = chartUnit(reply, options);
  if (chart.unit) units.push(chart.unit);

  // action_id must be unique in a block; a cut value would point at the wrong thing, so such a button is left out.
  const offered = reply.buttons.filter((b) => reply.view !== 'full' || b.id !== 'details');
  const buttons = offered
    .filter(
      (b, i, all) => b.value.length <= SLACK_LIMITS.buttonValue && all.findIndex((o) => o.id === b.id) === i,
    )
    .slice(0, SLACK_LIMITS.actionsElements);
  const tail: Block[] = [];
  if (buttons.length > 0) {
    tail.push({
      type: 'actions',
      block_id: 'buddy-actions',
      elements: buttons.map((b) => ({
        type: 'button' as const,
        action_id: b.id,
        text: {
          type: 'plain_text' as const,
          text: plain(b.label || b.id, SLACK_LIMITS.buttonText),
          emoji: true,
        },
        value: b.value,
        ...(b.id === 'evaluate' ? { style: 'primary' as const } : {}),
      })),
    });
  }
  if (reply.footer) tail.push(context(md(reply.footer)));

  const room = SLACK_LIMITS.blocks - 1 - tail.length - 1; // header, tail, and one line for "not shown"
  const body: Block[] = [];
  const left = { text: 0, issue: 0, agent: 0, chart: 0 };
  for (const unit of units) {
    if (body.length + unit.blocks.length <= room && Object.values(left).every((n) => n === 0))
      body.push(...unit.blocks);
    else left[unit.kind] += 1;
  }
  const dropped = offered.length - buttons.length;
  const notShown = [
    left.text && `${left.text} text part${left.text === 1 ? '' : 's'}`,
    left.issue && `${left.issue} issue${left.issue === 1 ? '' : 's'}`,
    left.agent && `${left.agent} agent card${left.agent === 1 ? '' : 's'}`,
    left.chart && 'the chart',
    dropped && `${dropped} button${dropped === 1 ? '' : 's'}`,
  ].filter(Boolean);
  if (notShown.length > 0)
    body.push(
      context(
        `… [truncated] ${notShown.join(', ')} not shown: Slack allows ${SLACK_LIMITS.blocks} blocks in a message.`,
      ),
    );

  const fallback = [
    title,
    reply.badge ? `${reply.badge.score}/100 ${reply.badge.label}` : '',
    reply.text ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    text: truncateEscaped(md(fallback), SLACK_LIMITS.fallbackText),
    blocks: [header, ...body, ...tail],
    ...(chart.upload && left.chart === 0 ? { upload: chart.upload } : {}),
    ...(chart.followUp && left.chart === 0 ? { followUp: chart.followUp } : {}),
  };
}

/** Long text goes over several sections rather than being cut. */
function textUnits(text: string): Unit[] {
  return splitText(text, SLACK_LIMITS.sectionText, PARTIAL_ENTITY)
    .filter((c) => c.trim())
    .map((chunk) => ({ kind: 'text', blocks: [mrkdwnSection(chunk)] }));
}

function issueUnit(issue: ReplyIssue, index: number, withNumbers: boolean): Unit {
  const head = `${EMOJI[issue.severity] ?? ''} *${index + 1}. ${issue.severity.toUpperCase()}* ${md(issue.message)}`;
  const text = `${head}\n:arrow_right: ${md(issue.mitigation)}`;
  const blocks: Block[] = [mrkdwnSection(truncateEscaped(text, SLACK_LIMITS.sectionText))];
  if (!withNumbers) return { kind: 'issue', blocks };
  const numbers =
    issue.evidence.length > 0
      ? ` · numbers: ${issue.evidence.map((e) => `${md(e.label)} *${md(e.value)}*`).join(' · ')}`
      : '';
  blocks.push(context(`\`${md(issue.code)}\`${numbers}`));
  return { kind: 'issue', blocks };
}

function agentUnit(card: AgentCard): Unit {
  const text = `*${md(card.agent)}*: ${md(card.stance ?? card.recommendation)} · confidence ${card.confidence}/100 · ${md(card.provider)}\n${md(card.reasoning)}`;
  const blocks: Block[] = [mrkdwnSection(truncateEscaped(text, SLACK_LIMITS.sectionText))];
  if (card.factors.length > 0)
    blocks.push(context(card.factors.map((f) => `• ${md(f.text)} [${md(f.evidence)}]`).join('\n')));
  return { kind: 'agent', blocks };
}

/** A public URL shows inline; a local file is uploaded by the adapter when it can; otherwise the text says so. */
function chartUnit(
  reply: Reply,
  options: SlackRenderOptions,
): { unit?: Unit; upload?: SlackMessage['upload']; followUp?: SlackMessage['followUp'] } {
  const chart = reply.chart;
  if (!chart) return {};
  const alt = neutraliseMentions(chart.alt).trim() || 'Price chart';
  if (chart.follows && !chart.path && !chart.url && options.canUpload) {
    return {
      unit: { kind: 'chart', blocks: [context(':bar_chart: The chart follows below in a moment.')] },
      followUp: { evaluationId: chart.follows },
    };
  }
  if (chart.url && /^https?:\/\//.test(chart.url) && chart.url.length <= SLACK_LIMITS.imageUrl) {
    return {
      unit: {
        kind: 'chart',
        blocks: [{ type: 'image', image_url: chart.url, alt_text: truncate(alt, SLACK_LIMITS.imageAlt) }],
      },
    };
  }
  if (chart.path && options.canUpload) {
    return {
      unit: { kind: 'chart', blocks: [context(`:bar_chart: Chart attached below: ${md(alt)}`)] },
      upload: { path: chart.path, alt: truncate(alt, SLACK_LIMITS.imageAlt) },
    };
  }
  return {
    unit: {
      kind: 'chart',
      blocks: [context(`:bar_chart: Chart not shown here (no public link): ${md(alt)}`)],
    },
  };
}
