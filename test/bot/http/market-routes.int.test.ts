import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { createHttpServer } from '../../../src/bot/http/index.js';
import { createChartRepository } from '../../../src/db/index.js';
import { computeFeatures } from '../../../src/market/features/index.js';
import { BASE_BARS, computeMarketState, frameBars } from '../../../src/market/snapshots/index.js';
import { buildTestApp, startTestServer } from '../../helpers/app.js';
import { chartWhenSettled as settled } from '../../helpers/chart-status.js';
import { BACKENDS } from '../../helpers/databases.js';
import { rowCounts } from '../../helpers/row-counts.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(BACKENDS)('market context over HTTP on $name', (backend) => {
  let app: App;
  let server: ReturnType<typeof createHttpServer>;
  let base: string;

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    ({ server, base } = await startTestServer(app));
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** What the endpoints must return, computed here from the stored bars without the service. */
  async function expected(symbol: string) {
    const baseBars = await app.services.market.loadBars(symbol, '1d', { limit: BASE_BARS });
    const bars = frameBars(baseBars, '1d', '1d');
    return computeMarketState('1d', bars, computeFeatures(bars, { intraday: false }));
  }

  it('when the regime of SPX is asked twice, then it is computed each time without storing, equals the analysis of the bars, and is read once the job path stored it', async () => {
    const first = await get('/api/regime-snapshot?symbol=spx&tf=1d');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      symbol: 'SPX',
      timeframe: '1d',
      source: 'computed',
      dataTs: '2020-04-17T00:00:00.000Z',
      version: 1,
    });
    expect(first.body.regime).toEqual((await expected('SPX')).regime);
    expect(typeof first.body.transitionRisk).toBe('number');
    const second = await get('/api/regime-snapshot?symbol=SPX');
    expect(second.body).toMatchObject({ source: 'computed', label: first.body.label });
    // The job/evaluation path still stores; a GET then reads the stored row.
    await app.services.snapshots.get('SPX', '1d');
    const third = await get('/api/regime-snapshot?symbol=SPX');
    expect(third.body).toMatchObject({
      source: 'stored',
      label: first.body.label,
      regime: first.body.regime,
    });
  });

  it.each([
    ['/api/regime-snapshot?symbol=TCHA&asOf=2020-03-20'],
    ['/api/regime-snapshot?symbol=TCHA&asOf=2020-03-19&tf=1w'],
    ['/api/key-levels?symbol=FINA&asOf=2020-02-14'],
    ['/api/key-levels?symbol=FINA'],
    ['/api/regime-snapshot?symbol=FINA'],
  ])('when %s is asked for a date with no stored snapshot, then no row is written', async (path) => {
    const tables = ['key_levels', 'regime_snapshots'];
    const before = await rowCounts(app.database, tables);
    for (let i = 0; i < 3; i++) expect((await get(path)).status).toBe(200);
    expect(await rowCounts(app.database, tables)).toEqual(before);
  });

  it('when GETs for ten different dates are asked, then every row count is unchanged', async () => {
    const before = await rowCounts(app.database);
    for (let day = 2; day <= 11; day++) {
      const asOf = `2020-03-${String(day).padStart(2, '0')}`;
      expect((await get(`/api/regime-snapshot?symbol=SPX&asOf=${asOf}`)).body.source).toBe('computed');
      expect((await get(`/api/key-levels?symbol=SPX&asOf=${asOf}`)).body.source).toBe('computed');
    }
    expect(await rowCounts(app.database)).toEqual(before);
  });

  it('when key levels are asked, then the nearest support and resistance bracket the last close with distances in ATR', async () => {
    const { status, body } = await get('/api/key-levels?symbol=TCHA&tf=1d');
    expect(status).toBe(200);
    const levels = (await expected('TCHA')).levels;
    expect(body.levels).toEqual(levels);
    const nearest = body.nearest as {
      support: { price: number; distanceAtr: number } | null;
      resistance: { price: number; distanceAtr: number } | null;
    };
    const close = levels.lastClose ?? 0;
    if (nearest.support) expect(nearest.support.price).toBeLessThanOrEqual(close);
    if (nearest.resistance) expect(nearest.resistance.price).toBeGreaterThanOrEqual(close);
    expect(nearest.support ?? nearest.resistance).not.toBeNull();
    const any = nearest.support ?? nearest.resistance;
    expect(any?.distanceAtr).toBeCloseTo(Math.abs((any?.price ?? 0) - close) / (levels.atr ?? 1), 2);
  });

  it('when a weekly snapshot is asked of daily data, then it describes the week and is keyed by the last day', async () => {
    const { status, body } = await get('/api/key-levels?symbol=FINA&tf=1w');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      timeframe: '1w',
      dataTs: '2020-04-17T00:00:00.000Z',
      asOf: '2020-04-13T00:00:00.000Z',
    });
    expect((body.levels as { cadence: string }).cadence).toBe('weekly');
  });

  it.each([
    ['no symbol', '/api/regime-snapshot?tf=1d', 'symbol'],
    ['an unknown timeframe', '/api/key-levels?symbol=SPX&tf=2h', 'tf'],
    ['a symbol with spaces', '/api/key-levels?symbol=S%20PX', 'symbol'],
    ['an unexpected parameter', '/api/regime-snapshot?symbol=SPX&timeframe=1d', '(body)'],
    ['a bad date', '/api/regime-snapshot?symbol=SPX&asOf=yesterday', 'asOf'],
  ])('when the query has %s, then it answers 400 naming the field', async (_what, path, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid-request');
    expect((body.fields as { path: string }[]).map((f) => f.path)).toContain(field);
  });

  it.each([
    ['/api/regime-snapshot?symbol=SPXX', 'unknown-symbol'],
    ['/api/key-levels?symbol=TCHZ', 'unknown-symbol'],
    ['/api/key-levels?symbol=TCHA&tf=1h', 'no-market-data'],
  ])('when %s is asked, then it answers 422 with %s', async (path, error) => {
    const { status, body } = await get(path);
    expect(status).toBe(422);
    expect(body.error).toBe(error);
    if (error === 'unknown-symbol')
      expect((body.details as { suggestions: string[] }).suggestions.length).toBeGreaterThan(0);
  });

  it('when asked as of a date, then the snapshot is the one at the last bar on or before it', async () => {
    const { body } = await get('/api/regime-snapshot?symbol=SPX&asOf=2020-03-20');
    expect(body).toMatchObject({ dataTs: '2020-03-20T00:00:00.000Z', asOf: '2020-03-20T00:00:00.000Z' });
  });

  // Issue 13 (one trend model): FINA's weekly now reads a range, so the idea that fights a higher
  // frame is a TCHA short against its monthly uptrend.
  it('when a demo idea fights the monthly trend, then the Buddy Report names the conflict, the regime and the levels with numbers, with a stored chart', async () => {
    const res = await fetch(`${base}/api/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        userId: 'http:api:ctx',
        intent: { symbol: 'TCHA', side: 'short', entry: 600, stop: 630, targets: [520] },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      evaluationId: string;
      issues: { code: string; message: string }[];
      reply: { sections: { heading?: string; text: string }[] };
      chart: { chartId: string; status: string };
    };
    const context = body.reply.sections.find((s) => s.heading === 'Context')?.text ?? '';
    expect(context).toMatch(
      /^Regime: \w+.* \(ADX \d+\.\d, ATR at the \d+(st|nd|rd|th) percentile of the year, the volatility model reads \w+ \(probability \d+%\), \d+% chance it changes state soon\)\.$/m,
    );
    expect(context).toMatch(
      /^Timeframes agree \d+\/100 with a short: 1d .*, 1M uptrend \(\+\d\.\d ATR from its 50-EMA\).* — conflict: short on 1d while 1M is in an uptrend above its 50-EMA \(\+\d\.\d ATR\)\.$/m,
    );
    expect(context).toMatch(
      /^Levels around the entry 600 \(ATR \d+\.\d+\): support \d+\.?\d* \(.+\); resistance \d+\.?\d* \(.+, \d\.\d\d ATR above\)\.$/m,
    );
    expect(body.issues.map((i) => i.code)).toContain('htf-trend-conflict');
    const chart = await settled(base, body.evaluationId);
    expect(chart).toMatchObject({ chartId: body.chart.chartId, status: 'ready' });
    // Over HTTP the chart is a URL on our server, never the server's file path.
    expect(chart.url).toBe(`/api/charts/${chart.chartId}.png`);
    const image = await fetch(`${base}${chart.url ?? ''}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(0, 8)
        .equals(PNG),
    ).toBe(true);
    expect(chart.alt).toContain('TCHA 1d candlestick chart of the last 160 bars');
    const rows = await createChartRepository(app.database.db).chartsForEvaluation(body.evaluationId);
    expect(rows).toEqual([
      expect.objectContaining({
        symbol: 'TCHA',
        timeframe: '1d',
        chartId: body.chart.chartId,
        chartType: 'candlestick',
        imageUrl: expect.stringMatching(/^file:/),
        dataPoints: 160,
        lastPrice: 600.6,
      }),
    ]);
  });
});
