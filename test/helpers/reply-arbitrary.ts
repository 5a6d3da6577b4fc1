import fc from 'fast-check';
import type { AgentCard, Reply, ReplyButton, ReplyIssue } from '../../src/bot/types.js';

/** Text pieces that stress renderers: mentions, Slack control characters, emoji (surrogate pairs), line breaks. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 40, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: 'binary' }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '<!channel>',
      '<!here|here>',
      '<!everyone>',
      '@everyone',
      '@here',
      '<@U123ABC>',
      '<@123456789>',
      '<@!42>',
      '<@&987>',
      '<!subteam^S1|@traders>',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom('&', '<', '>', '&amp;', '😀', '\n', ' ', '*', '`', '→') },
);

/** Short to very long (tens of thousands of code units), so every limit is exceeded some of the time. */
export const textArb = fc.oneof(
  { weight: 4, arbitrary: fc.array(piece, { maxLength: 12 }).map((p) => p.join('')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.integer({ min: 50, max: 1_500 }))
      .map(([p, n]) => p.join('').repeat(n)),
  },
);

const severity = fc.constantFrom('info', 'low', 'medium', 'high', 'critical') as fc.Arbitrary<
  ReplyIssue['severity']
>;

const issueArb: fc.Arbitrary<ReplyIssue> = fc.record({
  severity,
  code: fc.stringMatching(/^[a-z][a-z-]{0,40}$/),
  module: fc.stringMatching(/^[a-z][a-z-]{0,20}$/),
  message: textArb,
  evidence: fc.array(fc.record({ label: textArb, value: textArb }), { maxLength: 8 }),
  mitigation: textArb,
});

const agentArb: fc.Arbitrary<AgentCard> = fc.record({
  agent: textArb,
  recommendation: fc.constantFrom('BUY', 'SELL', 'HOLD'),
  confidence: fc.integer({ min: 0, max: 100 }),
  reasoning: textArb,
  factors: fc.array(fc.record({ text: textArb, evidence: textArb }), { maxLength: 6 }),
  provider: textArb,
});

const buttonArb: fc.Arbitrary<ReplyButton> = fc.record({
  id: fc.constantFrom('evaluate', 'save-journal', 'edit', 'cancel'),
  label: textArb,
  value: fc.oneof(fc.uuid(), textArb),
});

export const replyArb: fc.Arbitrary<Reply> = fc.record(
  {
    kind: fc.constantFrom('report', 'text', 'help', 'error'),
    title: textArb,
    text: textArb,
    badge: fc.record({
      score: fc.integer({ min: 0, max: 100 }),
      severity: fc.constantFrom('ok', 'info', 'low', 'medium', 'high', 'critical'),
      label: textArb,
    }),
    sections: fc.array(fc.record({ heading: fc.option(textArb, { nil: undefined }), text: textArb }), {
      maxLength: 30,
    }),
    issues: fc.array(issueArb, { maxLength: 40 }),
    agents: fc.array(agentArb, { maxLength: 30 }),
    chart: fc.record({
      path: fc.option(fc.constant('/tmp/chart.png'), { nil: undefined }),
      url: fc.option(fc.webUrl(), { nil: undefined }),
      alt: textArb,
    }),
    buttons: fc.array(buttonArb, { maxLength: 30 }),
    footer: textArb,
  },
  { requiredKeys: ['kind', 'title', 'sections', 'issues', 'agents', 'buttons'] },
) as fc.Arbitrary<Reply>;
