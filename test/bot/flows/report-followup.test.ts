import { describe, expect, it } from 'vitest';
import { issueAskedAbout } from '../../../src/bot/flows/report-followup.js';
import type { ReplyIssue } from '../../../src/bot/types.js';

const issue = (code: string, message: string): ReplyIssue => ({
  severity: 'medium',
  code,
  module: 'm',
  message,
  evidence: [],
  mitigation: 'fix',
});
const ISSUES = [
  issue('htf-trend-conflict', 'Long on 1d while 1w is in a downtrend below its 50-EMA (-0.4 ATR).'),
  issue('stop-inside-noise', 'The stop is 10 away, 0.09 ATR: an ordinary 1d bar (ATR 109.58) can reach it.'),
  issue('no-time-stop', 'No time stop: if the idea stalls, nothing tells you when it has failed.'),
];

describe('issueAskedAbout', () => {
  it.each([
    ['why is my stop in noise?', 1],
    ['why does the weekly downtrend matter?', 0],
    ['what is a time stop for?', 2],
  ])('when the trader asks "%s", then issue %d of the last report is the one meant', (question, index) => {
    expect(issueAskedAbout(question, ISSUES)?.index).toBe(index);
  });

  it.each(['what is ATR?', 'how do I size a position?', ''])(
    'when "%s" shares fewer than two words with any issue, then no issue is meant',
    (question) => {
      expect(issueAskedAbout(question, ISSUES)).toBeUndefined();
    },
  );
});
