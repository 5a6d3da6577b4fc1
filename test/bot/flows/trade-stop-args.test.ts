import { describe, expect, it } from 'vitest';
import { parseTradeCommand } from '../../../src/bot/flows/trade-args.js';

describe('/trade stop arguments', () => {
  it.each([
    ['stop TCHA 182', { kind: 'stop', symbol: 'TCHA', stop: 182 }],
    ['stop tcha to 182.5', { kind: 'stop', symbol: 'TCHA', stop: 182.5 }],
    ['stop $AAPL @ 1,050', { kind: 'stop', symbol: 'AAPL', stop: 1050 }],
    ['stop TCHA none', { kind: 'stop', symbol: 'TCHA', stop: null }],
    ['stop TCHA off', { kind: 'stop', symbol: 'TCHA', stop: null }],
    ['STOP TCHA remove', { kind: 'stop', symbol: 'TCHA', stop: null }],
  ])('when the trader writes `/trade %s`, then it reads %j', (text, command) => {
    expect(parseTradeCommand(text)).toEqual({ ok: true, command });
  });

  it.each([
    ['stop TCHA', 'needs a symbol and the new stop'],
    ['stop', 'needs a symbol and the new stop'],
    ['stop TCHA soon', 'The stop must be a price or `none`, not "soon".'],
    ['stop TCHA 0', 'The stop must be positive.'],
    ['stop TCHA 180 190', 'I did not understand "190".'],
  ])('when the trader writes `/trade %s`, then it says %s', (text, problem) => {
    const parsed = parseTradeCommand(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });

  it('when an open carries a stop keyword, then it is still an open with its stop (the stop sub-command does not take it over)', () => {
    expect(parseTradeCommand('open TCHA long 100 @ 185 stop 180')).toMatchObject({
      ok: true,
      command: { kind: 'open', stop: 180 },
    });
  });
});
