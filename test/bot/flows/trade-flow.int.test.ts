import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { Inbound, Reply } from '../../../src/bot/types.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

const say = (user: string, text: string, over: Partial<Inbound> = {}): Inbound => ({
  platform: 'slack',
  workspace: 'T1',
  channel: 'C1',
  thread: '',
  user,
  text,
  ...over,
});
const all = (reply: Reply) =>
  [reply.title, reply.text ?? '', ...reply.sections.map((s) => `${s.heading ?? ''}: ${s.text}`)].join('\n');

describe.each(BACKENDS)('/trade through the conversation core on $name', (backend) => {
  let app: App;
  const send = async (user: string, text: string, over: Partial<Inbound> = {}) =>
    app.conversation.handle(say(user, text, over));
  const counts = async (user: string) => ({
    fills: await app.services.trading.tradeRows.countFills(`slack:T1:${user}`),
    open: (await app.services.trading.tradeRows.openTrades(`slack:T1:${user}`)).length,
  });

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
  });
  afterAll(async () => app.close());

  it('when a long is opened, scaled, partly closed and closed, then each reply and the stored trade carry the numbers', async () => {
    const opened = await send('ann', '/trade open TCHA long 100 @ 185 stop 180 target 195 #breakout');
    expect(opened.kind).toBe('text');
    expect(all(opened)).toContain('Opened long TCHA');
    expect(all(opened)).toContain('stop 180 · target 195. Risk to the stop $500.00 of $500.00 planned.');
    expect(all(await send('ann', '/trade add TCHA 50 @ 182'))).toContain(
      'now 150 at an average 184, peak risk to the stop $600.00',
    );
    expect(all(await send('ann', '/trade close TCHA 50 @ 190'))).toContain(
      'Realised so far +$300.00; 100 still open at an average 184',
    );
    const list = all(await send('ann', '/trade list'));
    expect(list).toContain(
      'long TCHA 100 @ 184, stop 180 · target 195, open risk to the stop $400.00, realised +$300.00',
    );
    const closed = await send('ann', '/trade close TCHA @ 192 fee 2');
    // 1R from the fills (issue 14): |184 average - 180| x 150 = $600, the risk the reply names.
    expect(closed.title).toBe('Closed long TCHA: +$1,098.00 (+1.83R)');
    expect(all(closed)).toContain('✗ risked $600.00 against a plan of $500.00 (20% over)');
    const [row] = await app.services.trading.tradeRows.recentClosed('slack:T1:ann', 1);
    expect(row?.avgExit).toBeCloseTo((50 * 190 + 100 * 192) / 150, 9);
    expect(row).toMatchObject({
      symbol: 'TCHA',
      side: 'long',
      qty: 150,
      fees: 2,
      outcomeLabel: 'win',
      tags: ['breakout'],
      source: 'chat',
    });
    expect(await counts('ann')).toEqual({ fills: 4, open: 0 });
  });

  it('when a short is closed lower, then P&L and R are positive', async () => {
    await send('ben', '/trade open TCHB short 200 @ 50 stop 52');
    const closed = await send('ben', '/trade close TCHB @ 46');
    expect(closed.title).toBe('Closed short TCHB: +$800.00 (+2.00R)');
    expect(all(closed)).toContain('Plan followed');
  });

  it('when the trader evaluated the idea first, then the trade links to that evaluation', async () => {
    const report = await send('cat', '/evaluate long TCHC 100 stop 95 target 110 size 100');
    const evalId = report.refs?.evaluationId;
    expect(evalId).toBeDefined();
    const opened = await send('cat', '/trade open TCHC long 100 @ 100.2');
    expect(all(opened)).toContain(`Linked to your long TCHC idea and its evaluation ${evalId}`);
    expect(all(opened)).toContain('stop 95 · target 110');
    const [trade] = await app.services.trading.tradeRows.openTrades('slack:T1:cat');
    expect(trade).toMatchObject({
      linkedEvalId: evalId,
      plannedEntry: 100,
      plannedStop: 95,
      plannedRisk: 500,
    });
  });

  it('when a platform re-delivers the same message, then the fill is stored once', async () => {
    await send('dan', '/trade open FINA long 10 @ 20 stop 19', { deliveryId: 'evt-1' });
    await send('dan', '/trade open FINA long 10 @ 20 stop 19', { deliveryId: 'evt-1' });
    expect(await counts('dan')).toEqual({ fills: 1, open: 1 });
  });

  it.each([
    ['/trade close TCHB @ 10', 'There is no open trade in TCHB to close. Your open trades: FINA long 10.'],
    ['/trade close FINA 500 @ 21', 'You hold 10 FINA; you cannot close 500.'],
    [
      '/trade open FINA long 5 @ 21',
      'You already have an open long trade in FINA (10): scale in with `/trade add FINA QTY @ PRICE`.',
    ],
    ['/trade open TCHB long -100 @ 185', 'The quantity must be positive.'],
    ['/trade add FINA 0 @ 20', 'The quantity must be positive.'],
    ['/trade open TCHX long 10 @ 5', 'TCHX is not a symbol I know. Did you mean TCHA, TCHB, TCHC?'],
    ['/trade open TCHA long 10 @ 100 stop 120', 'for a long the stop must be below the entry'],
    ['/trade open TCHA 10 @ 100', 'say long or short'],
    ['/trade add FINA 5 @', 'A price must follow `@`.'],
    ['/trade close FINA', '`/trade close` needs a price after `@`.'],
    ['/trade open TCHA long 10 @ 100 banana', 'I did not understand "banana".'],
    ['/trade frobnicate', 'I do not know `/trade frobnicate`.'],
  ])('when the trader sends %s, then the answer says %s and nothing is written', async (text, message) => {
    const before = await counts('dan');
    const reply = await send('dan', text);
    expect(reply.kind).toBe('error');
    expect(all(reply)).toContain(message);
    expect(await counts('dan')).toEqual(before);
  });
});
