import type { ReplyIssue } from '../types.js';

const STOPWORDS = new Set(
  'a an and are as at be by can do does did for from has have how i in is it its me my of on or so than that the their then there this to was what when where which why will with would you your our we not no issue report'.split(
    ' ',
  ),
);

/** How reports name timeframes and how traders say them. */
const TIMEFRAME_WORDS: Record<string, string> = { daily: '1d', weekly: '1w', monthly: '1m', hourly: '1h' };

/** Content words of a text: lower case, no punctuation, no stop words, timeframes as the report writes them. */
function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .map((w) => TIMEFRAME_WORDS[w] ?? w)
      .filter((w) => (w.length > 2 || /^\d[a-z]$/.test(w)) && !STOPWORDS.has(w))
      .map((w) => w.replace(/(?:ing|es|s)$/, '')),
  );
}

/**
 * The issue of the last report a follow-up question is about ("why is my stop in noise?" →
 * the stop-inside-noise issue): the one sharing the most content words with the question (its
 * message and code), at least two; undefined when none is clearly meant.
 */
export function issueAskedAbout(
  question: string,
  issues: readonly ReplyIssue[],
): { index: number; issue: ReplyIssue } | undefined {
  const asked = words(question);
  let best: { index: number; issue: ReplyIssue; overlap: number } | undefined;
  issues.forEach((issue, index) => {
    const about = words(`${issue.message} ${issue.code.replace(/-/g, ' ')}`);
    const overlap = [...asked].filter((w) => about.has(w)).length;
    if (overlap >= 2 && (!best || overlap > best.overlap)) best = { index, issue, overlap };
  });
  return best && { index: best.index, issue: best.issue };
}
