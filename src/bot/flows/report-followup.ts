import { questionTerms, termsIn } from '../../agents/answer/index.js';
import type { ReplyIssue } from '../types.js';

/** How traders name timeframes, as reports write them ("weekly" is "1w" in an issue). */
const TIMEFRAMES: [RegExp, string][] = [
  [/\bdaily\b/gi, '1d'],
  [/\bweekly\b/gi, '1w'],
  [/\bmonthly\b/gi, '1M'],
  [/\bhourly\b/gi, '1h'],
];

/**
 * The issue of the last report a follow-up question is about ("why is my stop in noise?" →
 * the stop-inside-noise issue): the one sharing the most content terms (the knowledge answer's
 * own question analysis) with the question, at least two; undefined when none is clearly meant.
 */
export function issueAskedAbout(
  question: string,
  issues: readonly ReplyIssue[],
): { index: number; issue: ReplyIssue } | undefined {
  const asked = questionTerms(TIMEFRAMES.reduce((text, [word, tf]) => text.replace(word, tf), question));
  let best: { index: number; issue: ReplyIssue; overlap: number } | undefined;
  issues.forEach((issue, index) => {
    const overlap = termsIn(asked, `${issue.message} ${issue.code.replace(/-/g, ' ')}`);
    if (overlap >= 2 && (!best || overlap > best.overlap)) best = { index, issue, overlap };
  });
  return best && { index: best.index, issue: best.issue };
}
