import type { Reply } from '../types.js';

const COLORS = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1 } as const;
type Color = keyof typeof COLORS;

const SEVERITY_COLOR: Record<string, Color> = { critical: 'magenta', high: 'red', medium: 'yellow', low: 'cyan', info: 'gray', ok: 'green' };

/** Renders a Reply as terminal text; colours only when the output is a terminal. */
export function renderTerminal(reply: Reply, options: { color: boolean; width?: number }): string {
  const paint = (color: Color, text: string) => (options.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text);
  const width = Math.min(options.width ?? 100, 120);
  const lines: string[] = [];
  const rule = paint('gray', '─'.repeat(Math.min(width, 72)));
  lines.push(rule);
  let title = paint('bold', reply.title);
  if (reply.badge) {
    const color = SEVERITY_COLOR[reply.badge.severity] ?? 'gray';
    title += `   ${paint(color, `[${reply.badge.score}/100 · ${reply.badge.label}]`)}`;
  }
  lines.push(title);
  if (reply.text) lines.push(wrap(reply.text, width));
  for (const section of reply.sections) {
    lines.push(section.heading ? `${paint('bold', `${section.heading}:`)} ${wrap(section.text, width)}` : wrap(section.text, width));
  }
  if (reply.issues.length > 0) {
    lines.push('', paint('bold', 'Issues'));
    reply.issues.forEach((issue, i) => {
      const color = SEVERITY_COLOR[issue.severity] ?? 'gray';
      lines.push(`${i + 1}. ${paint(color, issue.severity.toUpperCase())} ${wrap(issue.message, width - 4, '   ')}`);
      if (issue.evidence.length > 0) lines.push(paint('gray', wrap(`   numbers: ${issue.evidence.map((e) => `${e.label} ${e.value}`).join(' · ')}`, width, '   ')));
      lines.push(`   ${paint('green', '→')} ${wrap(issue.mitigation, width - 5, '     ')}`);
    });
  }
  for (const card of reply.agents) {
    lines.push('', `${paint('bold', card.agent)}: ${card.recommendation} (${card.confidence}/100, ${card.provider}) ${wrap(card.reasoning, width, '   ')}`);
    for (const factor of card.factors) lines.push(paint('gray', `   • ${factor.text} [${factor.evidence}]`));
  }
  if (reply.chart) lines.push('', `${paint('bold', 'Chart:')} ${reply.chart.path ?? reply.chart.url ?? ''}`);
  if (reply.buttons.length > 0) lines.push(paint('gray', `Actions: ${reply.buttons.map((b) => `[${b.label}]`).join(' ')}`));
  if (reply.footer) lines.push(paint('gray', wrap(reply.footer, width)));
  lines.push(rule);
  return lines.join('\n');
}

function wrap(text: string, width: number, indent = ''): string {
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
