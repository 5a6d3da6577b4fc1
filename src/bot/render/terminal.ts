import { compactReport, moreText } from '../../reply/index.js';
import type { Reply, ReplyButton } from '../types.js';

/** What to type in the terminal for a report's buttons (the router takes these words). */
const TYPED: Record<ReplyButton['id'], string> = {
  'save-journal': 'save',
  edit: 'edit',
  evaluate: 're-evaluate',
  details: 'details',
  cancel: 'cancel',
  'settings-form': 'settings',
};

const COLORS = {
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  gray: 90,
  bold: 1,
} as const;
type Color = keyof typeof COLORS;

const SEVERITY_COLOR: Record<string, Color> = {
  critical: 'magenta',
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
  ok: 'green',
};

/**
 * Renders a Reply as terminal text, wrapped to the terminal's width; colours only when the
 * output is a terminal. Text is wrapped before it is coloured so escape codes never count as width.
 */
export function renderTerminal(full: Reply, options: { color: boolean; width?: number }): string {
  const reply = compactReport(full);
  const paint = (color: Color, text: string) =>
    options.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text;
  const width = Math.max(40, Math.min(options.width ?? 100, 120) - 1);
  const lines: string[] = [];
  const rule = paint('gray', '─'.repeat(Math.min(width, 72)));
  const block = (text: string, indent = '', color?: Color) => {
    const wrapped = wrap(text, width, indent);
    lines.push(
      color
        ? wrapped
            .split('\n')
            .map((l) => paint(color, l))
            .join('\n')
        : wrapped,
    );
  };
  const labelled = (label: string, text: string, indent: string) => {
    const wrapped = wrap(`${label} ${text}`, width, indent);
    lines.push(wrapped.replace(label, paint('bold', label)));
  };
  lines.push(rule);
  let title = paint('bold', reply.title);
  if (reply.badge)
    title += `   ${paint(SEVERITY_COLOR[reply.badge.severity] ?? 'gray', `[${reply.badge.score}/100 · ${reply.badge.label}]`)}`;
  lines.push(title);
  if (reply.text) block(reply.text);
  for (const section of reply.sections) {
    if (section.heading) labelled(`${section.heading}:`, section.text, '  ');
    else block(section.text);
  }
  if (reply.issues.length > 0) {
    if (reply.view === 'compact') {
      const more = moreText(reply.more);
      lines.push(`${paint('bold', 'Top issues')}${more ? paint('gray', ` (${more} in \`details\`)`) : ''}`);
    } else lines.push('', paint('bold', 'Issues'));
    reply.issues.forEach((issue, i) => {
      const label = `${i + 1}. ${issue.severity.toUpperCase()}`;
      const wrapped = wrap(`${label} ${issue.message}`, width, '   ');
      lines.push(wrapped.replace(label, paint(SEVERITY_COLOR[issue.severity] ?? 'gray', label)));
      if (issue.evidence.length > 0)
        block(`   numbers: ${issue.evidence.map((e) => `${e.label} ${e.value}`).join(' · ')}`, '   ', 'gray');
      const arrow = wrap(`   → ${issue.mitigation}`, width, '     ');
      lines.push(arrow.replace('→', paint('green', '→')));
    });
  }
  for (const card of reply.agents) {
    lines.push('');
    labelled(
      `${card.agent}:`,
      `${card.stance ?? card.recommendation} (${card.confidence}/100, ${card.provider}) ${card.reasoning}`,
      '   ',
    );
    for (const factor of card.factors) block(`   • ${factor.text} [${factor.evidence}]`, '     ', 'gray');
  }
  for (const line of reply.tail ?? []) {
    if (line.heading) labelled(`${line.heading}:`, line.text, '  ');
    else block(line.text, '', 'gray');
  }
  if (reply.chart) {
    if (reply.view !== 'compact') lines.push('');
    labelled('Chart:', reply.chart.path ?? reply.chart.url ?? '', '  ');
  }
  // A form opens only in Slack and Discord; in the terminal the reply's text says what to type.
  const buttons = reply.buttons.filter(
    (b) => b.id !== 'settings-form' && (reply.view !== 'full' || b.id !== 'details'),
  );
  if (reply.kind === 'report' && buttons.length > 0) {
    const why = reply.view === 'compact' && reply.more?.issues ? [`why ${reply.issues.length + 1}`] : [];
    block(`Type: ${[...buttons.map((b) => TYPED[b.id]), ...why].join(' · ')}`, '', 'gray');
  } else if (buttons.length > 0)
    block(`Actions: ${buttons.map((b) => `[${b.label}]`).join(' ')}`, '', 'gray');
  if (reply.footer) block(reply.footer, '', 'gray');
  lines.push(rule);
  return lines.join('\n');
}

/** Greedy word wrap; continuation lines start with `indent`; a leading indent is kept. */
export function wrap(text: string, width: number, indent = ''): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const lead = /^\s*/.exec(paragraph)?.[0] ?? '';
    let line = lead;
    for (const word of paragraph.slice(lead.length).split(' ')) {
      if (line.trim() && line.length + word.length + 1 > width) {
        out.push(line);
        line = indent + word;
      } else {
        line = line.trim() ? `${line} ${word}` : `${line}${word}`;
      }
    }
    out.push(line);
  }
  return out.join('\n');
}
