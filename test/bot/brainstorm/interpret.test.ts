import { describe, expect, it } from 'vitest';
import { interpret, looksLikeIncompleteIdea, type SlotName } from '../../../src/bot/brainstorm/index.js';

const known = new Set(['TCHA', 'SPX', 'FINA']);
const isKnown = (s: string) => known.has(s);

describe('interpret: whole-message commands and answers', () => {
  it.each([
    ['cancel', 'cancel'],
    ['never mind', 'cancel'],
    ['pause for now', 'cancel'],
    ['start over', 'discard'],
    ['resume', 'resume'],
    ['where were we?', 'resume'],
    ['evaluate', 'evaluate'],
    ['ok evaluate it', 'evaluate'],
    ['check it', 'evaluate'],
    ['save', 'save'],
    ['save the chat to my journal', 'save'],
    ['edit', 'edit'],
    ['show me the draft', 'edit'],
    ['help', 'help'],
    ['skip', 'skip'],
    ['no idea', 'skip'],
    ['not sure', 'skip'],
    ['flip it', 'flip'],
    ['ok', 'accept'],
    ['yes, use that', 'accept'],
    ['sounds good', 'accept'],
  ])('when the message is "%s", then it is the %s command', (text, control) => {
    expect(interpret(text, 'stop', isKnown)).toMatchObject({ kind: 'control', control });
  });

  it.each([['use the support'], ['under resistance'], ['at the level']])(
    'when the message is "%s", then it takes the named level',
    (text) => {
      expect(interpret(text, 'stop', isKnown)).toEqual({ kind: 'control', control: 'accept', level: true });
    },
  );

  it.each([['stop 178'], ['stop brainstorming the stop at 178 please'], ['go long']])(
    'when "%s" only starts like a command, then it is not one',
    (text) => {
      expect(interpret(text, 'stop', isKnown).kind).not.toBe('control');
    },
  );
});

describe('interpret: a bare answer fills the slot that was asked', () => {
  it.each<[SlotName, string, object]>([
    ['stop', '178', { stop: 178 }],
    ['stop', 'at 178', { stop: 178 }],
    ['stop', '1.5 ATR', { stopOffset: { unit: 'atr', value: 1.5 } }],
    ['stop', '2%', { stopOffset: { unit: 'pct', value: 2 } }],
    ['target', '3R', { targetOffset: { unit: 'r', value: 3 } }],
    ['target', '195 and 200', { targets: [195, 200] }],
    ['entry', '185.5', { entry: 185.5 }],
    ['size', 'half a percent', { size: { kind: 'risk-pct', value: 0.5 } }],
    ['size', '$200', { size: { kind: 'risk-amount', value: 200 } }],
    ['size', '100 shares', { size: { kind: 'shares', value: 100 } }],
    ['horizon', '10 bars', { timeStopBars: 10 }],
    ['horizon', 'a couple of weeks', { holdingHorizon: 'swing' }],
    ['horizon', 'just today', { holdingHorizon: 'intraday' }],
    ['thesis', 'higher lows into earnings', { thesis: 'higher lows into earnings' }],
    [
      'thesis',
      'breakout from a 3-week base, swing',
      { thesis: 'breakout from a 3-week base, swing', holdingHorizon: 'swing' },
    ],
    ['thesis', 'bounce off the 560 support', { thesis: 'bounce off the 560 support' }],
    ['thesis', 'actually make the stop 560', { stop: 560 }],
    ['stop', 'in at 185', { entry: 185 }],
  ])('when %s was asked and the answer is "%s", then it reads %j', (asked, text, slots) => {
    const input = interpret(text, asked, isKnown);
    expect(input.kind).toBe('slots');
    expect(input.kind === 'slots' && input.slots).toMatchObject(slots);
  });

  it('when a correction removes a slot and sets another, then both are read', () => {
    expect(interpret('stop 178, no target', 'size', isKnown)).toMatchObject({
      kind: 'slots',
      slots: { stop: 178 },
      clear: ['target'],
    });
  });

  it('when the trader says "here", then the entry is at market', () => {
    expect(interpret('short it here', 'entry', isKnown)).toMatchObject({
      kind: 'slots',
      atMarket: true,
      slots: { side: 'short' },
    });
  });

  it.each([['asdf qwer'], ['🙂'], ['hmm, what do you think?']])(
    'when the message "%s" holds nothing, then it is nothing',
    (text) => {
      expect(interpret(text, 'stop', isKnown)).toEqual({ kind: 'nothing' });
    },
  );
});

describe('looksLikeIncompleteIdea: what the router sends to brainstorm', () => {
  it.each([
    ['thinking about shorting BAC here', true],
    ['thinking about TCHA', true],
    ['long TCHA', true],
    ['buy spx', true],
    ['long 185 stop 180 target 195', true],
    ['TCHA 600 stop 560 target 680', true],
    ['long SPX 2850 stop 2% target 3000', true],
    ['long SPX 2870 stop 2790 target 3050', false],
    ['long spx 2870 stop 2900 target 3000', false],
    ['what is ATR?', false],
    ['how is TCHA doing', false],
    ['hello', false],
    ['buy', false],
  ])('when the text is "%s", then brainstorm is %s', (text, expected) => {
    expect(looksLikeIncompleteIdea(text, isKnown)).toBe(expected);
  });
});
