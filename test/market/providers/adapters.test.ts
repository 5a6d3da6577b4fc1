import { afterEach, describe, expect, it } from 'vitest';
import { createAlpacaProvider, ProviderError } from '../../../src/market/providers/index.js';
import {
  MarketFixture,
  realDaily,
  startAlpacaDataServer,
  startProvider,
  TEST_KEYS,
} from '../../helpers/providers/index.js';

const NOW = Date.parse('2026-12-07T20:00:00Z');
const KINDS = ['yahoo', 'alpaca', 'polygon'] as const;
const real = realDaily('AAPL');
let closeServer: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeServer?.();
  closeServer = undefined;
});

async function setup(kind: (typeof KINDS)[number], pageSize?: number) {
  const fixture = new MarketFixture(() => NOW);
  if (real) fixture.set('AAPL', '1d', real);
  const started = await startProvider(kind, fixture, pageSize);
  closeServer = started.close;
  return { fixture, provider: started.provider };
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe.each(KINDS)('the %s adapter against its local server', (kind) => {
  it.skipIf(!real)(
    'when daily bars are asked for, then the real CSV bars come back on their session dates',
    async () => {
      const { provider } = await setup(kind);
      const bars = await provider.fetchBars({
        symbol: 'AAPL',
        timeframe: '1d',
        from: Date.parse('2017-12-01T00:00:00Z'),
        to: Date.parse('2018-01-01T00:00:00Z'),
      });
      const expected = (real ?? []).filter(
        (b) => b.ts >= Date.parse('2017-12-01') && b.ts < Date.parse('2018-01-01'),
      );
      expect(bars).toHaveLength(expected.length);
      expect(bars.at(-1)).toMatchObject({
        ts: Date.parse('2017-12-29T00:00:00Z'),
        close: 169.23,
        volume: 25_999_922,
      });
      expect(bars.map((b) => b.close)).toEqual(expected.map((b) => b.close));
    },
  );

  it('when the answer spans several pages, then every page is read and no bar is repeated', async () => {
    const { fixture, provider } = await setup(kind, 7);
    const bars = await provider.fetchBars({
      symbol: 'MSFT',
      timeframe: '15m',
      from: Date.parse('2026-12-01'),
      to: NOW,
    });
    const distinct = new Set(bars.map((b) => b.ts));
    expect(distinct.size).toBe(bars.length);
    // Four full sessions (Dec 1-4, 26 bars each) and Monday Dec 7's bars opening before 15:00 ET.
    expect(bars).toHaveLength(4 * 26 + 22);
    if (kind !== 'yahoo') expect(fixture.requests.length).toBeGreaterThan(1);
  });

  it('when a split happened, then bars before it come back divided by the ratio', async () => {
    const { fixture, provider } = await setup(kind);
    const request = { symbol: 'NVDA', timeframe: '1d' as const, from: Date.parse('2026-11-02'), to: NOW };
    const before = await provider.fetchBars(request);
    fixture.split('NVDA', Date.parse('2026-11-16T14:30:00Z'), 4);
    const after = await provider.fetchBars(request);
    const first = after[0];
    const last = after.at(-1);
    expect(first?.close).toBeCloseTo((before[0]?.close ?? 0) / 4, 6);
    expect(last?.close).toBeCloseTo(before.at(-1)?.close ?? 0, 6);
  });

  it.each([
    [429, '7', 'rate-limited', 7_000],
    [503, undefined, 'unavailable', undefined],
  ] as const)(
    'when the server answers %i (Retry-After %s), then the failure is %s, retry after %s ms',
    async (status, retryAfter, failure, ms) => {
      const { fixture, provider } = await setup(kind);
      fixture.failures.push({ status, ...(retryAfter ? { retryAfter } : {}) });
      const error = await failureOf(
        provider.fetchBars({ symbol: 'AAPL', timeframe: '1d', from: 0, to: NOW }),
      );
      expect(error.failure).toBe(status === 429 ? 'rate-limited' : failure);
      expect(error.transient).toBe(true);
      expect(error.retryAfterMs).toBe(ms);
    },
  );

  it('when a request fails, then neither the message nor the details carry an API key', async () => {
    const { fixture, provider } = await setup(kind);
    fixture.failures.push({ status: 500 });
    const error = await failureOf(provider.fetchBars({ symbol: 'AAPL', timeframe: '1d', from: 0, to: NOW }));
    const shown = `${error.message} ${error.userMessage} ${JSON.stringify(error)} ${JSON.stringify(error.details)}`;
    for (const secret of Object.values(TEST_KEYS)) expect(shown).not.toContain(secret);
  });
});

describe('provider-specific answers', () => {
  it('when Yahoo does not know a symbol, then the error says so and is not retried', async () => {
    const { fixture, provider } = await setup('yahoo');
    fixture.unknown.add('ZZZQ');
    const error = await failureOf(provider.fetchBars({ symbol: 'ZZZQ', timeframe: '1d', from: 0, to: NOW }));
    expect(error.failure).toBe('not-found');
    expect(error.transient).toBe(false);
    expect(error.userMessage).toBe('Yahoo Finance has no bars for ZZZQ.');
  });

  it('when Alpaca is given the wrong secret, then the failure is "unauthorized" and the secret is not echoed', async () => {
    const fixture = new MarketFixture(() => NOW);
    const server = await startAlpacaDataServer(fixture, {
      keyId: TEST_KEYS.alpacaKeyId,
      secret: TEST_KEYS.alpacaSecret,
    });
    closeServer = server.close;
    const wrong = 'sk-wrong-secret-000';
    const provider = createAlpacaProvider({
      keyId: TEST_KEYS.alpacaKeyId,
      secret: wrong,
      feed: 'iex',
      baseUrl: server.url,
    });
    const error = await failureOf(provider.fetchBars({ symbol: 'AAPL', timeframe: '1d', from: 0, to: NOW }));
    expect(error.failure).toBe('unauthorized');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(wrong);
  });
});
