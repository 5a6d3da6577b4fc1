import { describe, expect, it } from 'vitest';
import {
  AI_NOTICE,
  checkOutput,
  guardReply,
  type GuardableReply,
  neutraliseMentions,
  REMOVED_NOTE,
  sentences,
  withAiNotice,
} from '../../../src/agents/guardrails/index.js';

describe('checkOutput', () => {
  it.each([
    ['TSLA will reach 300 by Friday.', 'forecast'],
    ['SPX is going to 5,000.', 'forecast'],
    ['I predict a breakout.', 'forecast'],
    ['The analyst price target is 250.', 'price-target'],
    ['This trade is guaranteed.', 'guarantee'],
    ["You can't lose here.", 'guarantee'],
    ['You should buy TSLA.', 'personal-advice'],
    ['If I were you I would wait.', 'personal-advice'],
    ['Not financial advice, but it will rise.', 'forecast'],
    ['No doubt it will rise to 200.', 'forecast'],
  ])('when the answer says %j, then the sentence is removed as %s', (text, rule) => {
    const check = checkOutput(`The plan risks 1R. ${text}`);
    expect(check.findings.map((f) => f.rule)).toContain(rule);
    expect(check.text).toBe(`The plan risks 1R. ${REMOVED_NOTE}`);
    expect(check.blocked).toBe(false);
  });

  it.each([
    ['Educational, not financial advice. Trading Buddy audits your plan; it does not predict prices.'],
    ['Nobody can guarantee an outcome; the plan risks 1R to make 2.1R.'],
    ['This does not mean price will rise.'],
    ['Balance-sheet guarantees add obligations a headline debt figure may miss.'],
    ['A target at 195.00 or a stop at 181.67 restores 1.5R.'],
  ])('when the answer says %j, then it passes untouched', (text) => {
    expect(checkOutput(text)).toEqual({ text, findings: [], blocked: false });
  });

  it('when every sentence breaks a rule, then the answer is blocked and only the note remains', () => {
    const check = checkOutput('Buy it now. It will double.');
    expect(check).toMatchObject({ blocked: true, text: REMOVED_NOTE });
    expect(check.findings.every((f) => f.action === 'blocked')).toBe(true);
  });

  it('when a negation sits on the previous hard-wrapped line, then the sentence is still one sentence', () => {
    expect(sentences('It does not say whether\nprice will fall. Next.')).toEqual([
      'It does not say whether\nprice will fall.',
      'Next.',
    ]);
  });
});

describe('neutraliseMentions', () => {
  it.each([
    ['@everyone look', '@\u200beveryone look'],
    ['@here now', '@\u200bhere now'],
    ['<!channel> hi', '@\u200bchannel hi'],
    ['<!here|here> hi', '@\u200bhere hi'],
    ['<@U123ABC> thanks', '@\u200bU123ABC thanks'],
    ['<@123456789> thanks', '@\u200b123456789 thanks'],
    ['<@&987> role', '@\u200b987 role'],
  ])('when the text has %j, then the mention cannot ping', (text, expected) => {
    expect(neutraliseMentions(text).text).toBe(expected);
  });

  it('when a safe sentence carries a mention, then only the mention is rewritten and it is reported', () => {
    const check = checkOutput('@here the plan risks 1R.');
    expect(check.text).toBe('@\u200bhere the plan risks 1R.');
    expect(check.findings).toEqual([expect.objectContaining({ rule: 'mention', action: 'rewritten' })]);
  });
});

describe('replies', () => {
  const reply: GuardableReply = {
    text: 'Summary. @everyone TSLA will reach 400.',
    sections: [{ heading: 'Plan', text: 'Long TSLA 250 stop 240.' }],
    issues: [{ message: 'Reward:risk is 1.2R.', mitigation: 'You should buy more.' }],
    agents: [{ reasoning: 'Trend is up.', factors: [{ text: 'This is guaranteed.', evidence: 'x' }] }],
  };

  it('when a reply has no AI notice, then one is appended to the footer; when it has one, then it is left alone', () => {
    expect(withAiNotice({ footer: 'Evaluation 1.' }).footer).toBe(`Evaluation 1. ${AI_NOTICE}`);
    expect(withAiNotice({ footer: 'AI-generated summary.' }).footer).toBe('AI-generated summary.');
  });

  it('when a reply carries unsafe prose, then every field is cleaned, findings are returned and the notice added', () => {
    const { reply: safe, findings } = guardReply(reply);
    expect(safe.text).toBe(`Summary. ${REMOVED_NOTE}`);
    expect(safe.sections[0]?.text).toBe('Long TSLA 250 stop 240.');
    expect(safe.issues[0]?.mitigation).toBe(REMOVED_NOTE);
    expect(safe.agents[0]?.factors[0]?.text).toBe(REMOVED_NOTE);
    expect(safe.footer).toBe(AI_NOTICE);
    expect(findings.map((f) => f.rule).sort()).toEqual(['forecast', 'guarantee', 'personal-advice']);
  });
});
