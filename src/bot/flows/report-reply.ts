import type { EvaluationOutcome } from '../../evaluators/index.js';
import type { EvidenceValue } from '../../evaluators/types.js';
import { DISCLAIMER, DISCLAIMER_BRIEF, type Reply, type ReplyIssue } from '../types.js';
import { contextSection } from './report-context.js';

const SEVERITY_LABEL = {
  ok: 'No issues found',
  info: 'Looks fine',
  low: 'Minor issues',
  medium: 'Needs attention',
  high: 'Serious issues',
  critical: 'Do not take as planned',
} as const;

function formatValue(value: EvidenceValue): string {
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? value.toLocaleString('en-US')
      : value.toLocaleString('en-US', { maximumFractionDigits: 4 });
  return String(value);
}

/** "riskPerShare" -> "risk per share". */
function labelOf(key: string): string {
  return key
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/(\d+)/g, ' $1')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The Buddy Report as a neutral Reply: score, the shown issues with their numbers, context, buttons. */
export function reportReply(outcome: EvaluationOutcome): Reply {
  const { intent, context: ctx, result } = outcome;
  const issues: ReplyIssue[] = result.issues
    .filter((i) => i.shown)
    .map((i) => ({
      severity: i.severity,
      code: i.code,
      module: i.module,
      message: i.message,
      mitigation: i.mitigation,
      evidence: Object.entries(i.evidence).map(([k, v]) => ({ label: labelOf(k), value: formatValue(v) })),
    }));
  const f = ctx.primary.latest;
  const asOf = new Date(ctx.asOf).toISOString().slice(0, 10);
  const plan = [
    `${intent.side.toUpperCase()} ${intent.symbol} @ ${intent.entry}`,
    intent.stop !== undefined ? `stop ${intent.stop}` : 'no stop',
    intent.targets.length ? `target ${intent.targets.join(' / ')}` : 'no target',
    intent.size ? sizeText(intent.size) : undefined,
    `${intent.timeframe}`,
  ]
    .filter(Boolean)
    .join(' · ');
  // A synthetic demo series says so already; real data out of date is called stale even in the brief.
  const staleText = ctx.freshness?.stale && !ctx.ticker.isSynthetic ? ', stale' : '';
  const closeText = `Last ${ctx.primary.timeframe} close ${price(ctx.primary.lastBar.close)} on ${asOf}${staleText}`;
  const atrText = f.atr14 !== undefined ? `ATR(14) ${f.atr14.toFixed(2)}` : undefined;
  const synthetic = ctx.ticker.isSynthetic ? ' (synthetic demo)' : '';
  const market = [
    closeText,
    atrText,
    f.rsi14 !== undefined ? `RSI(14) ${f.rsi14.toFixed(1)}` : undefined,
    f.ema50 !== undefined ? `EMA50 ${f.ema50.toFixed(2)}` : undefined,
    f.adx14 !== undefined ? `ADX ${f.adx14.toFixed(1)}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const failed = result.modules.filter((m) => m.status === 'failed' || m.status === 'timeout');
  const sections: Reply['sections'] = [
    { heading: 'Plan', text: plan },
    {
      heading: 'Market',
      text: `${market}${synthetic}`,
      brief: `${[closeText, atrText].filter(Boolean).join(' · ')}${synthetic}`,
    },
    { ...contextSection(outcome), detail: true },
  ];
  // The full data line sits with the details; the compact view keeps the close date and says "stale".
  if (ctx.freshness) sections.splice(2, 0, { heading: 'Data', text: ctx.freshness.line, detail: true });
  if (ctx.dataNote) sections.splice(2, 0, { text: ctx.dataNote });
  if (failed.length > 0) {
    sections.push({
      heading: 'Not checked',
      text: failed.map((m) => `${m.title} (${m.status === 'timeout' ? 'timed out' : 'failed'})`).join(', '),
    });
  }
  // Info-level findings are advice (a time stop, a frame that could not be read): one line each,
  // after the issues, never ranked among them.
  const tips = result.issues.filter((i) => i.severity === 'info').slice(0, 3);
  const hidden = result.issues.filter((i) => !i.shown && i.severity !== 'info').length;
  if (hidden > 0)
    sections.push({
      text: `${hidden} smaller issue${hidden === 1 ? '' : 's'} not shown; the audit has them all.`,
      detail: true,
    });
  return {
    kind: 'report',
    title: `Buddy Report: ${intent.side} ${intent.symbol}`,
    badge: { score: result.score, severity: result.severity, label: SEVERITY_LABEL[result.severity] },
    sections,
    issues,
    agents: [],
    view: 'compact',
    ...(hidden > 0 ? { hiddenIssues: hidden } : {}),
    ...(tips.length > 0
      ? { tail: [{ heading: 'Tips', text: tips.map((i) => i.mitigation).join(' ') }] }
      : {}),
    ...(outcome.chart
      ? {
          chart: {
            chartId: outcome.chart.chartId,
            path: outcome.chart.path,
            url: outcome.chart.url,
            alt: outcome.chart.alt,
          },
        }
      : {}),
    buttons: [
      { id: 'save-journal', label: 'Save to journal', value: outcome.evalId },
      { id: 'edit', label: 'Edit', value: outcome.intentId },
      { id: 'evaluate', label: 'Re-evaluate', value: outcome.intentId },
      { id: 'details', label: 'Details', value: outcome.evalId },
    ],
    footer: `${DISCLAIMER} Evaluation ${outcome.evalId}.`,
    footerBrief: DISCLAIMER_BRIEF,
    refs: { evaluationId: outcome.evalId, intentId: outcome.intentId },
  };
}

function sizeText(size: NonNullable<EvaluationOutcome['intent']['size']>): string {
  switch (size.kind) {
    case 'shares':
      return `${size.value} shares`;
    case 'notional':
      return `${size.value} notional`;
    case 'risk-pct':
      return `risk ${size.value}%`;
    case 'risk-amount':
      return `risk ${size.value}`;
  }
}

function price(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2, useGrouping: false });
}
