import { gaussian, mulberry32 } from '../../src/market/data/index.js';
import type { Fundamentals } from '../../src/market/fundamentals/index.js';
import type { NewsItem } from '../../src/market/news/index.js';
import type { Bar } from '../../src/market/types.js';
import { STEP_MS, T0 } from '../helpers/context.js';

/**
 * A seeded daily series with a steady drift per bar (in percent) and noise: a positive drift
 * gives an uptrend every trend reader agrees on, a negative one a downtrend.
 */
export function trendBars(
  options: {
    count?: number;
    drift?: number;
    vol?: number;
    seed?: number;
    price?: number;
    volume?: number;
  } = {},
): Bar[] {
  const { count = 300, drift = 0.3, vol = 0.6, seed = 11, price = 100, volume = 1_000_000 } = options;
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const bars: Bar[] = [];
  let close = price;
  for (let i = 0; i < count; i++) {
    const open = close;
    close = open * (1 + (drift + vol * normal()) / 100);
    const high = Math.max(open, close) * (1 + (vol / 200) * (1 + random()));
    const low = Math.min(open, close) * (1 - (vol / 200) * (1 + random()));
    bars.push({
      ts: T0 + i * STEP_MS['1d'],
      open,
      high,
      low,
      close,
      volume: Math.round(volume * (0.8 + 0.4 * random())),
    });
  }
  return bars;
}

/** Replaces the last bar (keeping its time) to stage a gap or a surge. */
export function withLastBar(bars: Bar[], change: (prev: Bar, last: Bar) => Partial<Bar>): Bar[] {
  const prev = bars[bars.length - 2];
  const last = bars[bars.length - 1];
  if (!prev || !last) throw new Error('need two bars');
  return [...bars.slice(0, -1), { ...last, ...change(prev, last) }];
}

export function fundamentals(overrides: Partial<Fundamentals> = {}): Fundamentals {
  return {
    symbol: 'TEST',
    assetClass: 'equity',
    sector: 'Technology',
    industry: 'Software',
    marketCap: 50e9,
    peRatio: 20,
    forwardPe: 20,
    epsGrowthPct: 5,
    profitMarginPct: 10,
    debtToEquity: 1,
    dividendYieldPct: 1,
    asOf: '2024-09-30',
    source: 'csv:test',
    ...overrides,
  };
}

export function headline(publishedAt: number, score: number | null, text = 'Test headline'): NewsItem {
  return {
    headline: text,
    source: 'test',
    publishedAt,
    symbols: ['TEST'],
    url: `https://example.test/${publishedAt}/${score}`,
    score,
    scoredWith: 'test',
  };
}
