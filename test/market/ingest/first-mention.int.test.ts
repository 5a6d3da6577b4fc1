import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { Reply } from '../../../src/bot/types.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';
import { MarketFixture, type ProviderBar, startYahooServer } from '../../helpers/providers/index.js';

const all = (reply: Reply) =>
  [reply.title, reply.text ?? '', ...reply.sections.map((s) => `${s.heading ?? ''}: ${s.text}`)].join('\n');

/** The series scaled so that its last bar before `until` closes at `price`. */
function scaledTo(bars: ProviderBar[], until: number, price: number): ProviderBar[] {
  const last = bars.filter((b) => b.ts < until).at(-1)?.close ?? price;
  const k = price / last;
  return bars.map((b) => ({ ...b, open: b.open * k, high: b.high * k, low: b.low * k, close: b.close * k }));
}

// Issue 16: a symbol mentioned in chat with no data is back-filled from the provider and evaluated;
// a trade opened today gets its MAE/MFE from the ingested bars.
describe.each(BACKENDS)('first mention with a live provider on $name', (backend) => {
  let app: App;
  let now = Date.parse('2026-12-07T20:00:00Z'); // Monday 15:00 ET, market open
  const fixture = new MarketFixture(() => now);
  let server: Awaited<ReturnType<typeof startYahooServer>>;
  const send = (text: string) =>
    app.conversation.handle({ platform: 'cli', workspace: 'w', channel: 'c', thread: '', user: 'fm', text });

  beforeAll(async () => {
    fixture.set('AAPL', '1d', scaledTo(fixture.bars('AAPL', '1d', 0, now + 7 * 86_400_000), now, 186));
    now += 7 * 86_400_000;
    fixture.set(
      'AAPL',
      '15m',
      scaledTo(fixture.bars('AAPL', '15m', 0, now), Date.parse('2026-12-07T20:00:00Z'), 186),
    );
    now = Date.parse('2026-12-07T20:00:00Z');
    server = await startYahooServer(fixture);
    app = await buildTestApp(
      await backend.openDemo(),
      { MARKET_DATA_PROVIDER: 'yahoo', MARKET_DATA_BASE_URL: server.url },
      { now: () => new Date(now) },
    );
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('when AAPL is mentioned with no bars stored, then it is back-filled, evaluated and the report says how fresh the data is', async () => {
    expect(await app.services.market.getTicker('AAPL')).toBeUndefined();
    const reply = await send('long AAPL 185 stop 180 target 195');
    const text = all(reply);
    expect(reply.title).toBe('Buddy Report: long AAPL');
    const daily = await app.services.market.loadBars('AAPL', '1d', { limit: 10_000 });
    const intraday = await app.services.market.loadBars('AAPL', '15m', { limit: 10_000 });
    expect(text).toContain(
      `I had no data for AAPL: fetched 2 years of daily bars (${daily.length} bars, plus ${intraday.length.toLocaleString('en-US')} 15m bars) from Yahoo Finance.`,
    );
    expect(text).toContain(
      '1d bars to 2026-12-04 close; 15m bars to 15:00 ET, delayed 15 min; source Yahoo Finance.',
    );
    expect(text).not.toContain('stale');

    const second = all(await send('long AAPL 185 stop 180 target 195'));
    expect(second).not.toContain('I had no data');
  });

  it('when a trade opened today is closed, then its review measures MAE/MFE on the ingested 15m bars', async () => {
    await send('/trade open AAPL long 100 @ 186 stop 180 target 195');
    now = Date.parse('2026-12-07T20:50:00Z');
    await send('/trade close AAPL @ 187');
    const review = all(await send('/review AAPL'));
    expect(review).not.toContain('cover the holding period');
    const held = (await app.services.market.loadBars('AAPL', '15m', { until: now, limit: 3 })).filter(
      (b) => b.ts >= Date.parse('2026-12-07T20:00:00Z'),
    );
    expect(held.map((b) => b.ts)).toEqual([
      Date.parse('2026-12-07T20:00:00Z'),
      Date.parse('2026-12-07T20:15:00Z'),
      Date.parse('2026-12-07T20:30:00Z'),
    ]);
    const mae = Math.min(0, ...held.map((b) => b.low - 186));
    const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '-' : ''}${Math.abs(v).toFixed(2)}`;
    expect(review).toContain(`MAE (worst against you): ${signed(mae)} (${signed(mae / 6)}R`);
  });

  it('when a demo symbol is evaluated, then its data is named stale and the provider is not asked', async () => {
    const before = fixture.requests.length;
    const text = all(await send('long TCHA 600 stop 570 target 680'));
    expect(fixture.requests.length).toBe(before);
    expect(text).toMatch(
      /1d bars to 2020-04-17 close \(stale: [\d,]+ sessions behind the 2026-12-04 close\)/,
    );
  });
});
