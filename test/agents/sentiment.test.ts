import { describe, expect, it } from 'vitest';
import { sentimentAgent } from '../../src/agents/sentiment.js';
import type { AgentInput } from '../../src/agents/types.js';
import type { NewsItem } from '../../src/market/news/index.js';
import type { Bar } from '../../src/market/types.js';
import { contextPack, intentOf } from '../helpers/context.js';
import { headline, trendBars, withLastBar } from './fixtures.js';

const DAY = 86_400_000;

function run(bars: Bar[], news: NewsItem[] = []) {
  const ctx = contextPack({ bars });
  const input: AgentInput = {
    intent: intentOf({ entry: ctx.primary.lastBar.close }),
    ctx,
    chunks: [],
    news,
    fundamentals: undefined,
  };
  return { ctx, ...sentimentAgent.analyse(input) };
}

/** A drift-free year and a half: no gap, no surge, and the close well inside its 52-week range. */
const quiet = trendBars({ count: 400, drift: 0, vol: 0.4, seed: 5 });
const asOf = quiet.at(-1)?.ts ?? 0;

describe('sentiment agent (rule mode)', () => {
  it('when there is no news, then it says so and rests on price proxies at 0.6 coverage', () => {
    const { recommendation, facts } = run(quiet);
    expect(facts['newsCount']).toBe(0);
    expect(recommendation.reasoning).toMatch(
      /^No news items for TEST between \d{4}-\d{2}-\d{2} and \d{4}-\d{2}-\d{2}; this reading rests on price-derived proxies only\./,
    );
    expect(
      recommendation.key_factors.some(
        (k) => k.evidence.kind === 'feature' && k.evidence.name === 'newsCount' && k.evidence.value === 0,
      ),
    ).toBe(true);
    expect(recommendation.confidence).toBeLessThanOrEqual(Math.round(0.6 * 95));
  });

  it.each([
    ['positive', [3, 2, 4], 'BUY'],
    ['negative', [-3, -2, -4], 'SELL'],
    ['mixed', [3, -3, 0], 'HOLD'],
  ] as const)('when recent headlines are %s (%j), then the news tone votes %s', (_tone, scores, expected) => {
    const news = scores.map((s, i) => headline(asOf - (i + 1) * DAY, s));
    const { recommendation, facts } = run(quiet, news);
    expect(facts['newsCount']).toBe(3);
    expect(facts['newsMeanScore']).toBe(
      Math.round((scores.reduce((a: number, b: number) => a + b, 0) / 3) * 100) / 100,
    );
    expect(recommendation.recommendation).toBe(expected);
    expect(recommendation.reasoning).toMatch(
      /3 headlines scored with the AFINN-165 word list tuned for financial market news/,
    );
  });

  it('when headlines are older than 7 days or later than the bar, then they are left out', () => {
    const news = [headline(asOf - 8 * DAY, 5), headline(asOf + 2 * DAY, 5), headline(asOf - 2 * DAY, -2)];
    const { facts } = run(quiet, news);
    expect(facts['newsCount']).toBe(1);
    expect(facts['newsMeanScore']).toBe(-2);
  });

  it.each([
    ['gaps up 1 ATR', 1, 'gapAtr', 1],
    ['gaps down 1 ATR', -1, 'gapAtr', -1],
  ] as const)('when the last bar %s, then the gap votes with it', (_name, gapInAtr, fact, direction) => {
    const base = run(quiet);
    const atr = base.ctx.primary.latest.atr14 ?? 1;
    const bars = withLastBar(quiet, (prev) => {
      const open = prev.close + gapInAtr * atr;
      return { open, close: open, high: open * 1.001, low: open * 0.999 };
    });
    const { facts, recommendation } = run(bars);
    expect(Math.sign(facts[fact] as number)).toBe(direction);
    expect(Math.abs(facts[fact] as number)).toBeGreaterThan(0.5);
    expect(recommendation.key_factors.map((k) => k.factor).join()).toMatch(
      direction > 0 ? /gapped up/ : /gapped down/,
    );
  });

  it('when volume surges on a falling bar, then the surge votes down', () => {
    const bars = withLastBar(quiet, (prev, last) => ({
      open: prev.close,
      close: prev.close * 0.98,
      high: prev.close * 1.001,
      low: prev.close * 0.975,
      volume: last.volume * 4,
    }));
    const { facts, recommendation } = run(bars);
    expect(facts['relVolume']).toBeGreaterThanOrEqual(1.5);
    expect(recommendation.key_factors.map((k) => k.factor).join()).toMatch(
      /Volume surge: [\d.]+x the 20-bar average on a -2% bar/,
    );
  });

  it.each([
    ['at its 52-week high', trendBars({ count: 400, drift: 0.3, seed: 3 }), 1],
    ['far below its 52-week high', trendBars({ count: 400, drift: -0.3, seed: 3 }), -1],
  ] as const)('when the close is %s, then the 52-week vote is %i', (_name, bars, direction) => {
    const { facts, recommendation } = run(bars);
    const dist = facts['distFrom52wHighPct'] as number;
    expect(direction > 0 ? dist >= -5 : dist <= -20).toBe(true);
    expect(recommendation.recommendation).toBe(direction > 0 ? 'BUY' : 'SELL');
  });

  it('when the bars cover less than a year, then there is no 52-week reading', () => {
    const { facts } = run(trendBars({ count: 200 }));
    expect(facts['distFrom52wHighPct']).toBeUndefined();
    expect(facts['high52w']).toBeUndefined();
  });
});
