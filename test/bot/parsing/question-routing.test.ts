import { describe, expect, it } from 'vitest';
import { looksLikeQuestion } from '../../../src/bot/parsing/index.js';
import { route } from '../../../src/bot/router.js';

const KNOWN = new Set(['SPX', 'TCHA', 'FINA', 'NRGA']);
const routeOf = (text: string) =>
  route({ platform: 'cli', workspace: 'w', channel: 'c', thread: '', user: 'u', text }, (s) =>
    KNOWN.has(s.toUpperCase()),
  );

describe('routing questions to the knowledge base without stealing trade ideas', () => {
  it.each([
    'what does ATR mean and how do people use it for stops?',
    'how big a position with 1% risk on a 50k account with a $2 stop',
    'what should I check before a breakout entry?',
    'pullback vs breakout?',
    'explain the kelly criterion',
    'is it ok to add to a losing position?',
    'difference between SMA and EMA',
  ])('when "%s" is typed, then it goes to the ask flow', (text) => {
    expect(routeOf(text)).toMatchObject({ reason: 'question', args: text });
    expect(routeOf(text).flow.id).toBe('ask');
  });

  it.each([
    ['long TCHA 600 stop 570 target 680', 'evaluate'],
    ['long TCHA 600 stop 570 target 680?', 'evaluate'],
    ['short SPX @ 2870 sl 2950 tp 2700 size 10', 'evaluate'],
    ['thinking about TCHA', 'brainstorm'],
    ['help', 'help'],
    ['?', 'help'],
    ['what can you do?', 'help'],
    ['hello there', 'guidance'],
    ['/ask what is ATR?', 'ask'],
    ['/evaluate long SPX 2870 stop 2790 target 3050', 'evaluate'],
  ])('when "%s" is typed, then it goes to %s', (text, flow) => {
    expect(routeOf(text).flow.id).toBe(flow);
  });

  it.each([
    ['what is ATR', true],
    ['How do I size a trade', true],
    ['atr stops?', true],
    ['ok', false],
    ['thanks a lot', false],
    ['whatever', false],
  ])('when the text is "%s", then looksLikeQuestion is %s', (text, expected) => {
    expect(looksLikeQuestion(text)).toBe(expected);
  });
});
