import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasLiveMention, neutraliseMentions } from '../../../src/bot/render/mentions.js';

describe('neutraliseMentions', () => {
  it.each([
    ['<!channel> look', '@\u200Bchannel look'],
    ['<!here|here>', '@\u200Bhere'],
    ['<!everyone>', '@\u200Beveryone'],
    ['hey @everyone and @here', 'hey @\u200Beveryone and @\u200Bhere'],
    ['<@U024BE7LH> said', '@\u200BU024BE7LH said'],
    ['<@U024BE7LH|bob> said', '@\u200Bbob said'],
    ['<@123456789012345678>', '@\u200B123456789012345678'],
    ['<@!42>', '@\u200B42'],
    ['<@&987654321>', '@\u200Brole'],
    ['<!subteam^S1|@traders>', '@\u200Btraders'],
    ['email me at a@b.com', 'email me at a@b.com'],
  ])('when the text is %j, then it becomes %j', (input, expected) => {
    expect(neutraliseMentions(input)).toBe(expected);
    expect(hasLiveMention(neutraliseMentions(input))).toBe(false);
  });

  it('when a replacement would splice a new mention together, then that one is neutralised too', () => {
    const out = neutraliseMentions('<@U1|<!her>e>');
    expect(hasLiveMention(out)).toBe(false);
  });

  it('when any text made of mention fragments is neutralised, then no live mention is left and a second pass changes nothing', () => {
    const fragment = fc.constantFrom(
      '<',
      '>',
      '!',
      '@',
      '&',
      '|',
      '^',
      'channel',
      'here',
      'everyone',
      'subteam',
      'U1',
      '123',
      ' ',
      'x',
    );
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 30 }).map((f) => f.join('')),
        (text) => {
          runs += 1;
          const once = neutraliseMentions(text);
          expect(hasLiveMention(once)).toBe(false);
          expect(neutraliseMentions(once)).toBe(once);
        },
      ),
      { numRuns: 5_000, seed: 7 },
    );
    expect(runs).toBe(5_000);
  });
});
