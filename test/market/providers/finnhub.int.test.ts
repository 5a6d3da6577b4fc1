import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { findCommand } from '../../../src/bot/cli/commands/index.js';
import { createFundamentalsRepository, createNewsRepository } from '../../../src/db/index.js';
import { FINNHUB_JOB, finnhubOutcome, scheduleProviderFetch } from '../../../src/jobs/index.js';
import { createFinnhubService, finnhubFundamentals } from '../../../src/market/providers/index.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';
import { startFakeFinnhub, type FakeFinnhub } from '../../helpers/providers/finnhub-server.js';

const KEY = 'fh-secret-key-0123456789';
const NOW = Date.now();
const sec = (msAgo: number) => Math.floor((NOW - msAgo) / 1000);

function company(symbol: string) {
  return {
    news: [
      {
        category: 'company',
        datetime: sec(3_600_000),
        headline: `${symbol} shares soar after record profit`,
        id: 1,
        image: '',
        related: symbol,
        source: 'Reuters',
        summary: '',
        url: `https://example.com/${symbol}/beat`,
      },
      {
        category: 'company',
        datetime: sec(7_200_000),
        headline: `${symbol} faces lawsuit over accounting fraud`,
        id: 2,
        image: '',
        related: `${symbol},SPX`,
        source: 'MarketWatch',
        summary: '',
        url: `https://example.com/${symbol}/lawsuit`,
      },
      {
        category: 'company',
        datetime: sec(60_000),
        headline: 'no link',
        id: 3,
        related: symbol,
        source: 'X',
      },
      // Older than the lookback window: the server leaves it out.
      {
        category: 'company',
        datetime: sec(30 * 86_400_000),
        headline: 'old',
        id: 4,
        related: symbol,
        url: `https://example.com/${symbol}/old`,
      },
    ],
    profile: {
      country: 'US',
      currency: 'USD',
      finnhubIndustry: 'Semiconductors',
      marketCapitalization: 2543.5,
      name: symbol,
      ticker: symbol,
    },
    metric: {
      metric: {
        peTTM: 31.2,
        epsGrowthTTMYoy: 12.5,
        netProfitMarginTTM: 24.1,
        'totalDebt/totalEquityQuarterly': 1.8,
        currentDividendYieldTTM: 0.55,
      },
    },
  };
}

describe('Finnhub mapping', () => {
  it('when Finnhub gives no figure, then the field is null, and nothing known at all is no update', () => {
    expect(
      finnhubFundamentals('AAA', { marketCapitalization: 10 }, { metric: {} }, '2024-01-02'),
    ).toMatchObject({
      marketCap: 10_000_000,
      peRatio: null,
      forwardPe: null,
    });
    expect(finnhubFundamentals('AAA', {}, {}, '2024-01-02')).toBeUndefined();
  });
});

describe.each(BACKENDS)('Finnhub news and fundamentals on $name', (backend) => {
  let app: App;
  let finnhub: FakeFinnhub;
  const run = async (target: App, ...argv: string[]) => {
    const found = findCommand(['news', 'fetch', ...argv]);
    if (!found) throw new Error('news fetch is not registered');
    const out: string[] = [];
    const err: string[] = [];
    const code = await found.command.run(target, found.args, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    finnhub = await startFakeFinnhub(KEY);
    for (const s of ['TCHA', 'TCHB', 'NOBARS']) finnhub.companies.set(s, company(s));
    app = await buildTestApp(await backend.openDemo(), { FINNHUB_API_KEY: KEY, FINNHUB_URL: finnhub.url });
  });
  afterAll(async () => {
    await app.close();
    await finnhub.close();
  });

  it('when Finnhub answers 429 then 500, then the retried fetch stores scored headlines and fundamentals, and a second fetch adds nothing', async () => {
    finnhub.calls.length = 0;
    finnhub.failNext([429, 500], 0);
    const first = await run(app, '--symbol', 'TCHA', '--symbol', 'NOBARS');
    expect(first.err).toBe('');
    expect(first.out).toContain(
      'finnhub: 2 symbols, 4 headlines read, 4 added, 0 already stored, 2 unreadable; fundamentals updated for 1 (TCHA)',
    );
    expect(finnhub.calls.slice(0, 3).map((c) => c.status)).toEqual([429, 500, 200]);
    // The key travels in the header, never in the URL.
    expect(finnhub.calls.every((c) => c.token === KEY && c.query.get('token') === null)).toBe(true);
    const news = await createNewsRepository(app.database.db).forSymbol('TCHA', {
      from: NOW - 86_400_000,
      to: NOW + 1,
    });
    expect(news.map((n) => [n.headline, n.source, Math.sign(n.score ?? 0)])).toEqual([
      ['TCHA shares soar after record profit', 'Reuters', 1],
      ['TCHA faces lawsuit over accounting fraud', 'MarketWatch', -1],
    ]);
    expect(news[1]?.symbols).toEqual(['SPX', 'TCHA']);
    const f = await createFundamentalsRepository(app.database.db).get('TCHA');
    expect(f).toMatchObject({
      industry: 'Semiconductors',
      marketCap: 2_543_500_000,
      peRatio: 31.2,
      forwardPe: null,
      epsGrowthPct: 12.5,
      profitMarginPct: 24.1,
      debtToEquity: 1.8,
      dividendYieldPct: 0.55,
      fundamentalsSource: 'finnhub',
      fundamentalsAsOf: new Date(NOW).toISOString().slice(0, 10),
    });

    const again = await run(app, '--symbol', 'TCHA');
    expect(again.out).toContain('2 headlines read, 0 added, 2 already stored');
  });

  it('when two processes tick in the same slot, then one fetches the watched symbols and the other skips', async () => {
    const user = 'cli:local:watcher';
    await app.services.users.ensureUser({ userId: user, platform: 'cli' });
    await app.services.evaluations.saveEvaluated(
      {
        userId: user,
        symbol: 'TCHB',
        side: 'long',
        timeframe: '1d',
        proposedEntry: 100,
        createdAt: new Date(NOW - 86_400_000),
      },
      {
        userId: user,
        symbol: 'TCHB',
        timeframe: '1d',
        evalTs: new Date(NOW - 86_400_000),
        overallScore: 50,
        overallSeverity: 'info',
        modulesRun: [],
        summary: {},
        contextFacts: {},
        configVersion: 'test',
      },
      [],
    );
    const service = createFinnhubService(app.database.db, {
      apiKey: KEY,
      baseUrl: finnhub.url,
      backoffMs: 5,
    });
    const clock = () => new Date(NOW);
    const jobs = app.services.trading.jobs;
    const a = scheduleProviderFetch({
      job: FINNHUB_JOB,
      outcome: finnhubOutcome,
      jobs,
      run: (now) => service.sync({ now }),
      everyMinutes: 60,
      clock,
      instanceId: 'a',
    });
    const b = scheduleProviderFetch({
      job: FINNHUB_JOB,
      outcome: finnhubOutcome,
      jobs,
      run: (now) => service.sync({ now }),
      everyMinutes: 60,
      clock,
      instanceId: 'b',
    });
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    const report = ra ?? rb;
    expect([ra, rb].filter(Boolean)).toHaveLength(1);
    expect(report?.symbols).toEqual(['TCHB']);
    expect(report?.fundamentalsUpdated).toEqual(['TCHB']);
    expect(await a.tick()).toBeUndefined();
  });

  it('when Finnhub stays rate-limited, then the slot is marked failed with no key in it and a later tick claims it again', async () => {
    const service = createFinnhubService(app.database.db, {
      apiKey: KEY,
      baseUrl: finnhub.url,
      backoffMs: 5,
    });
    const clock = () => new Date(NOW + 7 * 86_400_000);
    const logs: string[] = [];
    const logger = {
      info: (obj: object, msg: string) => logs.push(`${msg} ${JSON.stringify(obj)}`),
      error: (obj: object, msg: string) => logs.push(`${msg} ${JSON.stringify(obj)}`),
    };
    const job = scheduleProviderFetch({
      job: FINNHUB_JOB,
      outcome: finnhubOutcome,
      logger,
      jobs: app.services.trading.jobs,
      run: (now) => service.sync({ now, symbols: ['TCHA'] }),
      everyMinutes: 60,
      clock,
    });
    // Three tries for the news, three each for the profile and the metrics.
    finnhub.failNext(
      Array.from({ length: 9 }, () => 429),
      1,
    );
    const limited = await job.tick();
    expect(limited?.failed.map((f) => f.part)).toEqual(['news', 'fundamentals']);
    expect(limited?.failed[0]?.error).toBe(
      'Finnhub /company-news answered 429 (rate limit), still after 3 tries',
    );
    expect(limited?.failed[1]?.error).toMatch(
      /^Finnhub \/stock\/(profile2|metric) answered 429 \(rate limit\), still after 3 tries$/,
    );
    const runs = (await app.services.trading.jobs.runsOf(FINNHUB_JOB)).filter((r) => r.status === 'failed');
    expect(runs).toHaveLength(1);
    expect(JSON.stringify(runs)).not.toContain(KEY);
    expect(logs.join('\n')).toContain('provider fetch done');
    expect(logs.join('\n')).not.toContain(KEY);
    const retried = await job.tick();
    expect(retried?.failed).toEqual([]);
  });

  it('when the key is wrong or missing, then the reply says so and names no key', async () => {
    const wrong = await buildTestApp(await backend.openDemo(), {
      FINNHUB_API_KEY: 'wrong-key-xyz',
      FINNHUB_URL: finnhub.url,
    });
    const offline = await buildTestApp(await backend.openDemo(), {});
    try {
      const refused = await run(wrong, '--symbol', 'TCHA');
      expect(refused.code).toBe(1);
      expect(refused.out).toContain('TCHA news: Finnhub /company-news answered 401: the API key was refused');
      expect(`${refused.out}${refused.err}`).not.toContain('wrong-key-xyz');
      expect(await run(offline, '--symbol', 'TCHA')).toMatchObject({
        code: 2,
        err: expect.stringContaining('Finnhub is not configured: set FINNHUB_API_KEY'),
      });
      expect(await run(app, '--symbol', 'not a ticker')).toMatchObject({
        code: 2,
        err: expect.stringContaining('not a ticker'),
      });
    } finally {
      await wrong.close();
      await offline.close();
    }
  }, 120_000);
});
