import { describe, expect, it } from 'vitest';
import { extractSlots, parseTradeIdea } from '../../../src/bot/parsing/index.js';
import { digitsForNumberWords } from '../../../src/bot/parsing/number-words.js';

const known = new Set(['TCHA', 'SPX']);
const options = { isKnownSymbol: (s: string) => known.has(s) };

describe('relative stops and targets in extractSlots', () => {
  it.each([
    ['stop 1.5 ATR below', { stopOffset: { unit: 'atr', value: 1.5 } }],
    ['stop 1.5 atr', { stopOffset: { unit: 'atr', value: 1.5 } }],
    ['stop 1.5x ATR', { stopOffset: { unit: 'atr', value: 1.5 } }],
    ['stop 2atr', { stopOffset: { unit: 'atr', value: 2 } }],
    ['1.5 ATR stop', { stopOffset: { unit: 'atr', value: 1.5 } }],
    ['one and a half ATR stop', { stopOffset: { unit: 'atr', value: 1.5 } }],
    ['half an ATR stop', { stopOffset: { unit: 'atr', value: 0.5 } }],
    ['stop 2% below entry', { stopOffset: { unit: 'pct', value: 2 } }],
    ['stop 2 percent', { stopOffset: { unit: 'pct', value: 2 } }],
    ['2% stop', { stopOffset: { unit: 'pct', value: 2 } }],
    ['stop $5 below', { stopOffset: { unit: 'points', value: 5 } }],
    ['stop 5 points below', { stopOffset: { unit: 'points', value: 5 } }],
    ['target 3R', { targetOffset: { unit: 'r', value: 3 } }],
    ['tp 2.5r', { targetOffset: { unit: 'r', value: 2.5 } }],
    ['target 3 R', { targetOffset: { unit: 'r', value: 3 } }],
    ['target 3:1', { targetOffset: { unit: 'r', value: 3 } }],
    ['target 2.5 to 1', { targetOffset: { unit: 'r', value: 2.5 } }],
    ['two R target', { targetOffset: { unit: 'r', value: 2 } }],
    ['3R target', { targetOffset: { unit: 'r', value: 3 } }],
    ['target 10% above', { targetOffset: { unit: 'pct', value: 10 } }],
    ['target 2 ATR', { targetOffset: { unit: 'atr', value: 2 } }],
  ])('when the text is "%s", then the slots are %j', (text, expected) => {
    expect(extractSlots(text, options)).toEqual({ unassigned: [], ...expected });
  });

  it.each([
    ['risk half a percent', { size: { kind: 'risk-pct', value: 0.5 } }],
    ['risk one percent', { size: { kind: 'risk-pct', value: 1 } }],
    ['risking a quarter percent', { size: { kind: 'risk-pct', value: 0.25 } }],
    ['risk one and a half percent', { size: { kind: 'risk-pct', value: 1.5 } }],
    ['actually make the stop 178', { stop: 178 }],
    ['move the stop to 178', { stop: 178 }],
    ['stop just under 180', { stop: 180 }],
    ['my stop would be at 565', { stop: 565 }],
    ['no, short', { side: 'short' }],
    ['time stop ten days', { timeStopBars: 10 }],
  ])('when a brainstorm answer is "%s", then it reads %j', (text, expected) => {
    expect(extractSlots(text, options)).toEqual({ unassigned: [], ...expected });
  });

  it('when a whole idea mixes prices and distances, then each lands in its slot', () => {
    expect(extractSlots('long TCHA 600 stop 1.5 ATR below, target 3R, risk half a percent', options)).toEqual(
      {
        unassigned: [],
        side: 'long',
        symbol: 'TCHA',
        entry: 600,
        stopOffset: { unit: 'atr', value: 1.5 },
        targetOffset: { unit: 'r', value: 3 },
        size: { kind: 'risk-pct', value: 0.5 },
      },
    );
  });

  it('when "1% risk" precedes a stop, then the percent stays the risk and the stop a price', () => {
    expect(extractSlots('1% risk stop 180', options)).toEqual({
      unassigned: [],
      size: { kind: 'risk-pct', value: 1 },
      stop: 180,
    });
  });

  it('when a typed idea has a relative stop, then parseTradeIdea does not invent a price for it', () => {
    const parsed = parseTradeIdea('long SPX 2850 stop 2% target 3000', options);
    expect(parsed.kind === 'intent' ? parsed.intent.stop : 'no intent').toBeUndefined();
  });
});

describe('digitsForNumberWords', () => {
  it.each([
    ['half a percent', '0.5%'],
    ['one and a half ATR', '1.5 ATR'],
    ['three R', '3 R'],
    ['3 to 1', '3:1'],
    ['I want one of those', 'I want one of those'],
    ['stop 180 to 195', 'stop 180 to 195'],
    ['the other half of the range', 'the other half of the range'],
  ])('when the text is "%s", then it becomes "%s"', (text, expected) => {
    expect(digitsForNumberWords(text)).toBe(expected);
  });
});
