import { describe, expect, it } from 'vitest';
import { route } from '../../../src/bot/router.js';
import { looksNotEnglish } from '../../../src/bot/parsing/index.js';
import type { Inbound } from '../../../src/bot/types.js';

const inbound = (text: string): Inbound => ({
  platform: 'cli',
  workspace: 'w',
  channel: 'c',
  thread: '',
  user: 'u',
  text,
});
const known = (s: string) => ['SPX', 'TCHA', 'FINA'].includes(s);

describe('messages in other languages', () => {
  it.each([
    'купить SPX по 2870, стоп 2790',
    '我想在2870买入SPX，止损2790',
    'quiero comprar SPX a 2870 con stop en 2790',
    'ich will SPX bei 2870 kaufen und der Stop ist 2790',
    'je veux acheter SPX à 2870 avec un stop à 2790',
    'devo comprare SPX a 2870? questo è il mio stop 2790',
  ])('when "%s" arrives, then it is answered in English without parsing numbers out of it', (text) => {
    expect(looksNotEnglish(text)).toBe(true);
    expect(route(inbound(text), known).reason).toBe('other-language');
  });

  it.each([
    'long SPX 2870 stop 2790 target 3050',
    'buy 100 FINA at 26.2, stop 25, targets 28 and 29, time stop 10 bars because breakout',
    'short TCHA @ 600 sl 630 tp 520 size 10',
    'what does ATR mean and how do people use it for stops?',
    'I have 50k and traded for 30 years',
    'set my max risk to 0.5%',
    'long SPX 2870 stop 2790 target 3050 because the Fed is dovish',
    'ok',
  ])('when "%s" arrives, then it is read as English', (text) => {
    expect(looksNotEnglish(text)).toBe(false);
    expect(route(inbound(text), known).reason).not.toBe('other-language');
  });
});
