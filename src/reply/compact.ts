import type { AgentCard, Reply, ReplyIssue } from './types.js';

/** Issues a compact report shows; the rest are one `details` away. */
export const COMPACT_ISSUES = 3;
/** Characters of an issue's message and of its fix in the compact report (two lines at 80 columns). */
export const COMPACT_MESSAGE_CHARS = 140;
export const COMPACT_FIX_CHARS = 130;

/**
 * The report read at a glance (seed 004: "score + top issues + recommended actions + expandable
 * evidence"): the plan and market lines, the top issues each cut to a sentence with its fix, one
 * phrase per agent, and a line saying how to reach the rest. Everything left out stays in the
 * full Reply, which `details` shows and the audit keeps. Not a report, or already full: unchanged.
 */
export function compactReport(reply: Reply): Reply {
  if (reply.kind !== 'report' || reply.view === 'full') return reply;
  const shown = reply.issues.slice(0, COMPACT_ISSUES).map(compactIssue);
  const more = { issues: reply.issues.length - shown.length, minor: reply.hiddenIssues ?? 0 };
  return {
    ...reply,
    view: 'compact',
    sections: reply.sections
      .filter((s) => !s.detail)
      .map(({ brief, ...s }) => (brief ? { ...s, text: brief } : s)),
    issues: shown,
    agents: [],
    more,
    ...tailOf(reply, shown.length < COMPACT_ISSUES),
    ...(reply.footerBrief ? { footer: reply.footerBrief } : {}),
  };
}

/**
 * What follows the issues: the report's own tail (tips such as a time stop) when there is room
 * (fewer issues than the compact view holds; otherwise they wait in `details`), and one line for
 * the agents.
 */
function tailOf(reply: Reply, room: boolean): Pick<Reply, 'tail'> {
  const tail = [
    ...(room ? (reply.tail ?? []) : []),
    ...(reply.agents.length ? [{ heading: 'Agents', text: agentsLine(reply.agents) }] : []),
  ];
  return tail.length > 0 ? { tail } : {};
}

/** "2 more issues and 1 minor one": what `details` adds to a compact report; '' when nothing. */
export function moreText(more: Reply['more']): string {
  if (!more) return '';
  return [
    more.issues > 0 ? `${more.issues} more issue${more.issues === 1 ? '' : 's'}` : '',
    more.minor > 0 ? `${more.minor} minor one${more.minor === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
}

function compactIssue(issue: ReplyIssue): ReplyIssue {
  return {
    ...issue,
    message: shorten(issue.message, COMPACT_MESSAGE_CHARS),
    mitigation: shorten(issue.mitigation, COMPACT_FIX_CHARS),
    evidence: [],
  };
}

/**
 * "Technical no clear view · Risk supports your long": the stance only; the agents' confidence is
 * not calibrated (see the replay), so the glance does not lead with it; the details show it.
 */
export function agentsLine(agents: readonly AgentCard[]): string {
  return agents.map((a) => `${a.agent} ${a.stance ?? a.recommendation.toLowerCase()}`).join(' · ');
}

/**
 * Text cut to `max` characters the way a person would shorten it: its first sentence; then
 * without long asides in brackets; then at a word, marked with "…". Numbers in what is kept
 * are untouched; the full text stays in the report's details.
 */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  // A sentence ends at ".", "!" or "?" before a space and a capital (not "0.08" or "e.g. the").
  let out = clean.split(/(?<=[a-z0-9%)\]][.!?])\s+(?=[A-Z])/)[0] ?? clean;
  if (out.length > max) out = withoutAsides(out);
  if (out.length <= max) return out;
  // Never between the two halves of a surrogate pair (an emoji, a rare CJK character).
  const cut = out.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(–-]+$/, '')}…`;
}

/** Drops bracketed asides longer than a few words, e.g. "(ADX 23.5, trend strength 20/100, …)". */
function withoutAsides(text: string): string {
  return text
    .replace(/\s*\([^()]{25,}\)/g, '')
    .replace(/\s+([,.:;])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
