import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderDiscord } from '../../../src/bot/render/discord.js';
import { renderSlack } from '../../../src/bot/render/slack.js';
import { CUT_MARKER } from '../../../src/bot/render/text-limits.js';
import { textReply, type Reply } from '../../../src/bot/types.js';
import { discordViolations, slackViolations } from '../../helpers/platform-limits.js';
import { replyArb } from '../../helpers/reply-arbitrary.js';

// Nearly every generated reply is over the limits and carries mentions (of the first 120 for this
// seed, 119 are cut by both renderers and all 120 have a mention), so each run exercises the
// cutting and neutralising paths: fast-check's default 100 runs cover them a hundred times per
// renderer. 400 cost 3 s per renderer on an idle machine, almost all of it neutralising mentions
// in texts of tens of thousands of characters.
const RUNS = 100;

describe('platform limits over generated replies', () => {
  it.each([
    ['Slack Block Kit', (r: Reply) => slackViolations(renderSlack(r, { canUpload: true }))],
    ['Slack Block Kit without uploads', (r: Reply) => slackViolations(renderSlack(r, { canUpload: false }))],
    ['Discord embeds', (r: Reply) => discordViolations(renderDiscord(r))],
  ])('when %s renders any reply, then no limit is violated', (name, violations) => {
    let checked = 0;
    let total = 0;
    fc.assert(
      fc.property(replyArb, (reply) => {
        const found = violations(reply);
        checked += 1;
        total += found.length;
        expect(found).toEqual([]);
      }),
      { numRuns: RUNS, seed: 20_240_605 },
    );
    console.info(`${name}: ${checked} generated replies, ${total} limit violations`);
  });
});

const longReply = (): Reply => ({
  ...textReply('Long', 'x'),
  sections: [{ heading: 'Notes', text: 'word '.repeat(2_400) }],
  issues: Array.from({ length: 60 }, (_, i) => ({
    severity: 'medium' as const,
    code: `c${i}`,
    module: 'm',
    message: `issue ${i}`,
    evidence: [],
    mitigation: 'fix',
  })),
});

describe('what does not fit is marked', () => {
  it('when a section is longer than 3,000 characters, then Slack splits it without losing text', () => {
    const message = renderSlack({
      ...textReply('Long', ''),
      sections: [{ text: 'word '.repeat(2_400).trim() }],
    });
    const texts = message.blocks
      .filter((b) => b.type === 'section')
      .map((b) => (b as { text: { text: string } }).text.text);
    expect(texts.length).toBe(4);
    expect(texts.join('')).toBe('word '.repeat(2_400).trim());
  });

  it('when there are more issues than 50 blocks hold, then Slack says how many are not shown', () => {
    const message = renderSlack(longReply());
    expect(message.blocks.length).toBe(50);
    const last = JSON.stringify(message.blocks.at(-1));
    expect(last).toMatch(/\[truncated\] \d+ issues not shown/);
  });

  it('when there are more than 25 issues, then Discord keeps 24 and a marker field', () => {
    const main = renderDiscord(longReply()).embeds[0];
    expect(main?.fields?.length).toBe(25);
    expect(main?.fields?.at(-1)?.name).toBe(CUT_MARKER);
    expect(main?.fields?.at(-1)?.value).toContain('36 more issues not shown');
  });

  it('when the description is over 4,096 characters, then Discord cuts it with the marker', () => {
    const main = renderDiscord(longReply()).embeds[0];
    expect(main?.description?.length).toBeLessThanOrEqual(4_096);
    expect(main?.description).toContain(CUT_MARKER);
  });
});

describe('the limit checks themselves', () => {
  it('when a message breaks the limits, then the checks report it (so zero above means something)', () => {
    const section = {
      type: 'section' as const,
      text: { type: 'mrkdwn' as const, text: `${'a'.repeat(3_001)} <!channel>` },
    };
    const slack = slackViolations({ text: 'ok', blocks: Array.from({ length: 51 }, () => section) });
    expect(slack).toEqual(
      expect.arrayContaining([
        'blocks: 51 > 50',
        'block 0 (section): 3012 > 3000',
        'block 0 (section): live mention',
      ]),
    );
    const discord = discordViolations({
      content: '@everyone',
      embeds: [
        {
          title: 't'.repeat(257),
          fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v'.repeat(1_025) })),
        },
      ],
      components: [],
      files: [],
      allowed_mentions: { parse: [] },
    });
    expect(discord).toEqual(
      expect.arrayContaining([
        'content: live mention',
        'embed 0 title: 257 > 256',
        'embed 0: 26 fields > 25',
        'embed total: 26933 > 6000',
      ]),
    );
  });
});
