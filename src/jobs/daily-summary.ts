import { DISCLAIMER, type Reply } from '../reply/index.js';
import {
  fmtQty,
  money,
  tradeVerdict,
  type Fill,
  type PlanVerdict,
  type TradeSide,
} from '../trading/index.js';

export interface SummaryTrade {
  userName: string;
  symbol: string;
  side: TradeSide;
  qty: number;
  avgEntry: number;
  avgExit: number | null;
  pnl: number;
  pnlR: number | null;
  plannedEntry: number | null;
  plannedStop: number | null;
  plannedRisk: number | null;
  linkedEvalId: string | null;
  fills: Fill[];
  /** The trade's post-trade review, when one is stored: its grades and lessons lead. */
  review?: SummaryReview | undefined;
}

export interface SummaryReview {
  processGrade: string;
  outcomeGrade: string;
  verdict: string;
  keyLessons: string[];
}

export interface SummaryEvaluation {
  userName: string;
  symbol: string;
  score: number;
  issues: { code: string; severity: string; shown: boolean }[];
}

export interface SummaryJournalEntry {
  userName: string;
  text: string;
  tags: string[];
  symbol: string | null;
  kind: string;
}

export interface SummaryInput {
  /** Local trading date the summary is for, YYYY-MM-DD. */
  date: string;
  timeZone: string;
  from: Date;
  to: Date;
  trades: SummaryTrade[];
  evaluations: SummaryEvaluation[];
  journal: SummaryJournalEntry[];
}

export interface Lesson {
  code: string;
  text: string;
  weight: number;
}

const ISSUE_LABELS: Record<string, string> = {
  'no-stop': 'no stop',
  'rr-below-minimum': 'reward:risk below your minimum',
  'risk-above-limit': 'risk above your per-trade limit',
  'position-too-large': 'position too large for the account',
  'size-not-set': 'no position size',
  'stop-inside-noise': 'stop inside normal noise',
  'stop-very-wide': 'a very wide stop',
  'no-target': 'no target',
  'no-time-stop': 'no time stop',
  'target-beyond-timeframe': 'a target beyond the timeframe',
  'targets-out-of-order': 'targets out of order',
  'time-stop-loose': 'a loose time stop',
  'horizon-timeframe-mismatch': 'horizon and timeframe mismatch',
};
// Tags that mark a journal entry as worth repeating to the team.
const HIGHLIGHT_TAGS = new Set(['lesson', 'mistake', 'win', 'rule', 'insight', 'review', 'note-to-self']);
const MAX_HIGHLIGHT = 200;

const issueLabel = (code: string) => ISSUE_LABELS[code] ?? code.replace(/-/g, ' ');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const signedR = (r: number) => `${r >= 0 ? '+' : ''}${r.toFixed(2)}R`;
const signedMoney = (v: number) => `${v >= 0 ? '+' : ''}${money(v)}`;

/** Rules, not a model: each lesson names its count, and the heaviest three lead. */
export function deriveLessons(
  trades: readonly (SummaryTrade & { verdict: PlanVerdict })[],
  evaluations: readonly SummaryEvaluation[],
): Lesson[] {
  // Reviewed trades speak through their reviews' lessons; the plan checks cover the others.
  const lessons: Lesson[] = reviewLessons(trades);
  const failing = (rule: string) =>
    trades.filter((t) => !t.review && t.verdict.checks.some((c) => c.rule === rule && !c.ok));
  const blown = failing('stop-honoured');
  if (blown.length) {
    const worst = Math.min(...blown.map((t) => t.pnlR ?? 0));
    lessons.push({
      code: 'honour-stops',
      weight: 3 * blown.length,
      text: `Honour the stop: ${plural(blown.length, 'trade')} exited beyond it (worst ${signedR(worst)}). Decide the exit before the entry and let the stop do its job.`,
    });
  }
  const noStop = failing('stop-set');
  if (noStop.length)
    lessons.push({
      code: 'set-stops',
      weight: 3 * noStop.length,
      text: `Set a stop before entering: ${plural(noStop.length, 'trade')} had none, so the risk was open-ended and R could not be measured.`,
    });
  const big = failing('size-within-risk');
  if (big.length)
    lessons.push({
      code: 'size-to-plan',
      weight: 2 * big.length,
      text: `Size to the plan: ${plural(big.length, 'trade')} risked more than planned (${big.map((t) => t.symbol).join(', ')}).`,
    });
  const unevaluated = trades.filter((t) => !t.linkedEvalId);
  if (unevaluated.length && trades.length) {
    lessons.push({
      code: 'evaluate-first',
      weight: unevaluated.length,
      text: `Evaluate before you trade: ${unevaluated.length} of ${plural(trades.length, 'closed trade')} had no Buddy Report behind them.`,
    });
  }
  const counts = new Map<string, number>();
  for (const e of evaluations)
    for (const code of new Set(e.issues.filter((i) => i.severity !== 'info').map((i) => i.code)))
      counts.set(code, (counts.get(code) ?? 0) + 1);
  const recurring = [...counts]
    .filter(([, n]) => n >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [code, n] of recurring.slice(0, 2)) {
    lessons.push({
      code: `recurring-${code}`,
      weight: n,
      text: `Recurring warning: ${issueLabel(code)} in ${n} of ${plural(evaluations.length, 'evaluation')}. Fix it in the plan before you submit the next one.`,
    });
  }
  const goodLosses = trades.filter((t) =>
    t.review ? t.review.verdict === 'good loss' : t.verdict.followed && (t.pnlR ?? 0) < 0,
  );
  if (goodLosses.length)
    lessons.push({
      code: 'good-loss',
      weight: 0.5 * goodLosses.length,
      text: `${goodLosses.length} ${goodLosses.length === 1 ? 'loss' : 'losses'} followed the plan: a controlled loss is the process working, not a mistake.`,
    });
  const clean = trades.filter((t) =>
    t.review ? ['A', 'B'].includes(t.review.processGrade) : t.verdict.followed,
  );
  if (trades.length > 0 && clean.length === trades.length)
    lessons.push({
      code: 'plan-followed',
      weight: 0.25,
      text: 'Every closed trade followed its plan. Keep doing exactly that.',
    });
  return lessons.sort((a, b) => b.weight - a.weight).slice(0, 3);
}

// Verdict lessons repeat what the good-loss and plan-followed lines say for the whole team.
const VERDICT_LESSON = /^A (good win|good loss|bad win):/;

/** The reviews' own lessons, counted across the day's trades: a lesson shared by more trades leads. */
function reviewLessons(trades: readonly SummaryTrade[]): Lesson[] {
  const bySymbol = new Map<string, string[]>();
  for (const t of trades) {
    for (const text of t.review?.keyLessons ?? []) {
      if (!VERDICT_LESSON.test(text)) bySymbol.set(text, [...(bySymbol.get(text) ?? []), t.symbol]);
    }
  }
  return [...bySymbol].map(([text, symbols], i) => ({
    code: `review-${i + 1}`,
    weight: 3 * symbols.length,
    text: `${text} (${symbols.length === 1 ? symbols[0] : `${symbols.length} trades: ${[...new Set(symbols)].join(', ')}`})`,
  }));
}

function tradeLine(t: SummaryTrade & { verdict: PlanVerdict }): string {
  const exit = t.avgExit === null ? '' : ` → ${t.avgExit.toFixed(2)}`;
  const r = t.pnlR === null ? 'R n/a' : signedR(t.pnlR);
  const failed = t.verdict.checks.filter((c) => !c.ok);
  const plan = failed.length
    ? `plan not followed: ${failed.map((c) => c.detail).join('; ')}`
    : 'plan followed';
  const grades = t.review
    ? `process ${t.review.processGrade} · outcome ${t.review.outcomeGrade} (${t.review.verdict}), `
    : '';
  return `• ${t.userName}: ${t.side} ${t.symbol} ${fmtQty(t.qty)} @ ${t.avgEntry.toFixed(2)}${exit}, ${signedMoney(t.pnl)} (${r}), ${grades}${plan}`;
}

function highlights(entries: readonly SummaryJournalEntry[]): string[] {
  const score = (e: SummaryJournalEntry) =>
    (e.tags.some((t) => HIGHLIGHT_TAGS.has(t.toLowerCase())) ? 2 : 0) + (e.kind === 'note' ? 1 : 0);
  return [...entries]
    .sort((a, b) => score(b) - score(a))
    .slice(0, 3)
    .map((e) => {
      const text = e.text.replace(/\s+/g, ' ').trim();
      return `• ${e.userName}${e.symbol ? ` (${e.symbol})` : ''}: ${text.length > MAX_HIGHLIGHT ? `${text.slice(0, MAX_HIGHLIGHT - 1)}…` : text}`;
    });
}

/** The day's post-trade summary for a team channel, as a platform-neutral Reply. Pure. */
export function buildDailySummary(input: SummaryInput): Reply {
  const trades = input.trades.map((t) => ({ ...t, verdict: tradeVerdict(t, t.fills) }));
  const sections: Reply['sections'] = [];
  if (trades.length) {
    const net = trades.reduce((s, t) => s + t.pnl, 0);
    const rs = trades.filter((t) => t.pnlR !== null).map((t) => t.pnlR ?? 0);
    const followed = trades.filter((t) => t.verdict.followed).length;
    const head = `${plural(trades.length, 'trade')} closed, net ${signedMoney(net)}${rs.length ? `, ${signedR(rs.reduce((a, b) => a + b, 0))}` : ''}; plan followed on ${followed} of ${trades.length}.`;
    sections.push({ heading: 'Closed trades', text: [head, ...trades.map(tradeLine)].join('\n') });
  } else {
    sections.push({ heading: 'Closed trades', text: 'No trades closed.' });
  }
  if (input.evaluations.length) {
    const avg = input.evaluations.reduce((s, e) => s + e.score, 0) / input.evaluations.length;
    const symbols = [...new Set(input.evaluations.map((e) => e.symbol))];
    sections.push({
      heading: 'Evaluations',
      text: `${plural(input.evaluations.length, 'idea')} evaluated (${symbols.join(', ')}), average score ${avg.toFixed(0)}/100.`,
    });
  } else {
    sections.push({ heading: 'Evaluations', text: 'No ideas evaluated.' });
  }
  const notes = highlights(input.journal);
  if (notes.length) sections.push({ heading: 'Journal highlights', text: notes.join('\n') });
  const lessons = deriveLessons(trades, input.evaluations);
  if (lessons.length)
    sections.push({ heading: 'Top lessons', text: lessons.map((l, i) => `${i + 1}. ${l.text}`).join('\n') });
  const quiet = !trades.length && !input.evaluations.length && !input.journal.length;
  return {
    kind: 'text',
    title: `Daily post-trade summary: ${input.date}`,
    text: quiet
      ? 'A quiet day: nothing closed, evaluated or journaled since the last summary.'
      : `The team's trading day, graded on process first.`,
    sections: quiet ? [] : sections,
    issues: [],
    agents: [],
    buttons: [],
    footer: `${DISCLAIMER} Covers ${input.from.toISOString()} to ${input.to.toISOString()} (${input.timeZone}).`,
  };
}
