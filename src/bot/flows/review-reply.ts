import type { OverallSeverity } from '../../evaluators/index.js';
import { type Grade, type PostTradeReview, RULE_BROKEN_CAP, type StoredReview } from '../../review/index.js';
import { money } from '../../trading/index.js';
import { DISCLAIMER, type Reply } from '../types.js';

const px = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4, useGrouping: false });
const signed = (v: number, digits = 2) => `${v > 0 ? '+' : v < 0 ? '-' : ''}${Math.abs(v).toFixed(digits)}`;
const rOf = (v: number | null) => (v === null ? 'R n/a' : `${signed(v)}R`);
const atrOf = (v: number | null) => (v === null ? 'ATR n/a' : `${signed(v)} ATR`);
const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
const bullets = (lines: readonly string[]) => lines.map((l) => `• ${l}`).join('\n');

const BADGE: Record<Grade, OverallSeverity> = { A: 'ok', B: 'low', C: 'medium', D: 'high', F: 'critical' };
const MEANING: Record<PostTradeReview['verdict'], string> = {
  'good win': 'The plan was followed and it paid: repeat the process, not just the result.',
  'good loss': 'The plan was followed and the loss stayed the planned size: nothing to fix in the process.',
  'bad win': 'The profit came despite the process: repeated, these deviations cost more than they earned.',
  'bad loss': 'The plan was not followed and it cost: fix the process before the size.',
  scratch: 'About flat: judge this one on the process alone.',
};
const DAILY = new Set(['1d', '1w', '1M']);

function gradesText(r: PostTradeReview): string {
  return [
    `Process  ${r.processGrade}  ${r.processScore}/100 from plan adherence, your rules at entry and the warnings (the P&L does not enter it)${capText(r)}`,
    `Outcome  ${r.outcomeGrade}  ${rOf(r.realisedR)}, ${r.pnl >= 0 ? '+' : ''}${money(r.pnl)} (the result)`,
    `Verdict  ${r.verdict}: ${MEANING[r.verdict]}`,
  ].join('\n');
}

function capText(r: PostTradeReview): string {
  const rules = r.findings.filter((f) => f.kind === 'rule').map((f) => String(f.evidence.rule ?? f.code));
  return rules.length
    ? `; capped at ${RULE_BROKEN_CAP} (C at best) for breaking your ${[rules.slice(0, -1).join(', '), rules.at(-1)].filter(Boolean).join(' and ')} rule${rules.length > 1 ? 's' : ''}`
    : '';
}

/** The entry's discipline: each broken rule with its limit and number, then each high warning's fate. */
function disciplineSections(r: PostTradeReview): Reply['sections'] {
  const rules = r.findings.filter((f) => f.kind === 'rule');
  const warnings = r.findings.filter((f) => f.kind === 'warning');
  const rulesVersion = rules[0]?.evidence.rulesVersion;
  return [
    ...(rules.length
      ? [
          {
            heading: `Your rules at entry${typeof rulesVersion === 'number' ? ` (settings version ${rulesVersion})` : ''}`,
            text: bullets(rules.map((f) => f.message)),
          },
        ]
      : []),
    ...(warnings.length
      ? [{ heading: 'High-severity warnings', text: bullets(warnings.map((f) => f.message)) }]
      : []),
  ];
}

function tradeText(r: PostTradeReview): string {
  const n = r.excursions.barsHeld;
  const held = `${n === 0 ? 'no' : n} ${r.timeframe} bar${n === 1 ? '' : 's'}`;
  const fills = `${r.side} ${r.qty} ${r.symbol}: in ${px(r.avgEntry)} → out ${px(r.avgExit)}, ${day(r.openTs)} to ${day(r.closeTs)} (${held})${r.fees ? `, fees ${money(r.fees)}` : ''}.`;
  const p = r.plan;
  if (!p) return `${fills}\nNo plan was recorded.`;
  const plan = [
    `entry ${px(p.entry)}`,
    p.stop !== undefined ? `stop ${px(p.stop)}` : 'no stop',
    p.targets.length ? `target ${p.targets.map(px).join(' / ')}` : 'no target',
    p.plannedRiskAmount !== undefined ? `risk ${money(p.plannedRiskAmount)}` : undefined,
    p.timeStopBars !== undefined ? `time stop ${p.timeStopBars} bars` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return `${fills}\nPlan: ${plan}.`;
}

/** The bar note a coach would add: what the range was measured on and which way it can be off. */
export function excursionNote(r: PostTradeReview): string {
  const ex = r.excursions;
  if (ex.basis === 'fills')
    return `No ${r.timeframe} bars cover the holding period: MAE/MFE come from the fill prices alone, a lower bound.`;
  const notes: string[] = [];
  if (DAILY.has(r.timeframe))
    notes.push(
      `${r.timeframe === '1d' ? 'Daily' : 'These'} bars count the entry and exit bars whole, so moves before the entry or after the exit on those bars are included: MAE/MFE are an upper bound.`,
    );
  if (ex.coverage === 'partial') notes.push(`The ${r.timeframe} bars cover only part of the holding period.`);
  return notes.join(' ');
}

function excursionsText(r: PostTradeReview): string {
  const ex = r.excursions;
  const kept =
    ex.capturedPct === null
      ? `the trade ended at ${rOf(r.realisedR)}; the market offered no open profit`
      : ex.capturedPct < 0
        ? `the trade ended at ${rOf(r.realisedR)} instead`
        : `the trade kept ${rOf(r.realisedR)}, ${Math.round(ex.capturedPct)}% of it`;
  return [
    `MAE (worst against you): ${signed(ex.maePrice)} (${rOf(ex.maeR)}, ${atrOf(ex.maeAtr)})`,
    `MFE (best for you): ${signed(ex.mfePrice)} (${rOf(ex.mfeR)}, ${atrOf(ex.mfeAtr)})`,
    `Best possible exit: ${px(ex.bestExitPrice)} (${rOf(ex.bestExitR)}); ${kept}.`,
    r.atrAtEntry !== null
      ? `ATR(14) at entry ${r.atrAtEntry.toFixed(2)}.`
      : 'No ATR at entry (no recent bars before it).',
    excursionNote(r),
  ]
    .filter(Boolean)
    .join('\n');
}

function warningsText(r: PostTradeReview): string {
  return r.warnings
    .map(
      (w) =>
        `• ${w.message} → ${w.cameTrue === null ? 'not checkable' : w.cameTrue ? 'came true' : 'did not come true'}: ${w.why}`,
    )
    .join('\n');
}

/** A stored post-trade review as a platform-neutral Reply: grades side by side, the numbers, then the lessons. */
export function reviewReply(review: StoredReview): Reply {
  const sections: Reply['sections'] = [
    { heading: 'Grades', text: gradesText(review) },
    { heading: 'Trade', text: tradeText(review) },
    ...disciplineSections(review),
    { heading: 'MAE / MFE', text: excursionsText(review) },
  ];
  if (review.warnings.length)
    sections.push({ heading: 'Warnings raised before the trade', text: warningsText(review) });
  if (review.coachNote)
    sections.push({ heading: 'Key lessons (phrased by the explanation layer)', text: review.coachNote });
  else if (review.keyLessons.length)
    sections.push({
      heading: 'Key lessons',
      text: review.keyLessons.map((l, i) => `${i + 1}. ${l}`).join('\n'),
    });
  if (review.wentWell.length)
    sections.push({ heading: 'Went well (plan vs execution)', text: bullets(review.wentWell) });
  if (review.toImprove.length)
    sections.push({ heading: 'To improve (plan vs execution)', text: bullets(review.toImprove) });
  return {
    kind: 'report',
    title: `Post-trade review: ${review.side} ${review.symbol}, a ${review.verdict}`,
    text: `Process ${review.processGrade} · Outcome ${review.outcomeGrade}: a ${review.verdict}. ${MEANING[review.verdict]}`,
    badge: {
      score: review.processScore,
      severity: BADGE[review.processGrade],
      label: `Process ${review.processGrade} · Outcome ${review.outcomeGrade}`,
    },
    sections,
    issues: [],
    agents: [],
    buttons: [],
    footer: `${DISCLAIMER} Review of trade ${review.tradeId} (v${review.version}, ${review.generatedAt.toISOString()})${review.linkedEvalId ? `, plan from evaluation ${review.linkedEvalId}` : ''}.`,
    ...(review.linkedEvalId ? { refs: { evaluationId: review.linkedEvalId } } : {}),
  };
}
