import { describe, expect, it } from 'vitest';
import { technicalAgent } from '../../src/agents/technical.js';
import type { AgentInput } from '../../src/agents/types.js';
import type { ContextPack } from '../../src/market/context/index.js';
import { constantRangeBars, contextPack, intentOf } from '../helpers/context.js';
import { trendBars } from './fixtures.js';

function input(ctx: ContextPack, intent = intentOf({ entry: ctx.primary.lastBar.close })): AgentInput {
  return { intent, ctx, chunks: [], news: [], fundamentals: undefined };
}

describe('technical agent (rule mode)', () => {
  it.each([
    ['a steady uptrend', 0.3, 'long', 'BUY', 'supports the long idea'],
    ['a steady uptrend', 0.3, 'short', 'BUY', 'argues against the short idea'],
    ['a steady downtrend', -0.3, 'short', 'SELL', 'supports the short idea'],
    ['a steady downtrend', -0.3, 'long', 'SELL', 'argues against the long idea'],
  ] as const)(
    'when the series is %s (drift %s%%) and the idea is %s, then it says %s and %s',
    (_name, drift, side, expected, stance) => {
      const ctx = contextPack({ bars: trendBars({ drift }) });
      const { recommendation, facts } = technicalAgent.analyse(
        input(ctx, intentOf({ side, entry: ctx.primary.lastBar.close, stop: undefined })),
      );
      expect(recommendation.recommendation).toBe(expected);
      expect(recommendation.reasoning).toContain(stance);
      expect(recommendation.confidence).toBeGreaterThanOrEqual(61 * 0.9);
      expect(Math.sign(facts['closeVsEma50Atr'] as number)).toBe(Math.sign(drift));
    },
  );

  it('when every key factor cites a feature, then its value is the fact the agent computed', () => {
    const ctx = contextPack({ bars: trendBars({ drift: 0.3 }) });
    const { recommendation, facts } = technicalAgent.analyse(input(ctx));
    expect(recommendation.key_factors.length).toBeGreaterThan(0);
    for (const { evidence } of recommendation.key_factors) {
      expect(evidence.kind).toBe('feature');
      if (evidence.kind === 'feature') expect(facts[evidence.name]).toBe(evidence.value);
    }
  });

  it('when the facts come from the features, then they are the rounded snapshot values', () => {
    const ctx = contextPack({ bars: trendBars({ drift: 0.3 }) });
    const { facts } = technicalAgent.analyse(input(ctx));
    const f = ctx.primary.latest;
    expect(facts['rsi14']).toBe(Math.round((f.rsi14 ?? NaN) * 100) / 100);
    expect(facts['atr14']).toBe(Math.round((f.atr14 ?? NaN) * 100) / 100);
    expect(facts['closeVsEma50Atr']).toBe(
      Math.round(((ctx.primary.lastBar.close - (f.ema50 ?? NaN)) / (f.atr14 ?? NaN)) * 100) / 100,
    );
  });

  it('when there are fewer bars than EMA50 needs, then it abstains and says what is missing', () => {
    const ctx = contextPack({ bars: trendBars({ count: 40 }) });
    const { recommendation } = technicalAgent.analyse(input(ctx));
    expect(recommendation).toMatchObject({ recommendation: 'HOLD', confidence: 10 });
    expect(recommendation.reasoning).toMatch(/^insufficient data: EMA50 not available on 40 1d bars of TEST/);
  });

  it('when a resistance level sits within 0.5 ATR above a long entry, then it votes against the long', () => {
    const bars = trendBars({ drift: 0.3 });
    const base = contextPack({ bars });
    const atr = base.primary.latest.atr14 ?? 1;
    const entry = base.primary.lastBar.close;
    const resistanceAt = (price: number) =>
      contextPack({
        bars,
        levels: {
          ...base.levels,
          rollingRange: undefined,
          supportResistance: [{ price, kind: 'resistance', touches: 3, lastTouchTs: base.asOf, strength: 1 }],
        },
      });
    const withLevel = resistanceAt(entry + 0.2 * atr);
    const near = technicalAgent.analyse(input(withLevel));
    expect(near.facts['levelAboveEntryAtr']).toBe(0.2);
    const away = technicalAgent.analyse(input(resistanceAt(entry + 2 * atr)));
    expect(away.facts['levelAboveEntryAtr']).toBe(2);
    // One more vote against: the weighted net falls, and the confidence with it.
    expect(near.recommendation.confidence).toBeLessThan(away.recommendation.confidence);
  });

  it('when prices do not move at all, then there is no trend to call', () => {
    const ctx = contextPack({ bars: constantRangeBars({ count: 120 }) });
    const { recommendation } = technicalAgent.analyse(input(ctx));
    expect(recommendation.recommendation).toBe('HOLD');
  });

  it('when passages were retrieved, then the last key factor cites the top one as background', () => {
    const ctx = contextPack({ bars: trendBars({ drift: 0.3 }) });
    const chunk = {
      chunkId: 'c-1',
      domain: 'technical' as const,
      docPath: 'knowledge/technical/adx.md',
      title: 'ADX',
      heading: 'ADX > Reading',
      text: 'ADX above 25 is a trend.',
      score: 1,
    };
    const { recommendation } = technicalAgent.analyse({ ...input(ctx), chunks: [chunk] });
    expect(recommendation.key_factors.at(-1)).toEqual({
      factor: 'Background reading: ADX > Reading',
      evidence: { kind: 'chunk', chunkId: 'c-1' },
    });
    expect(recommendation.key_factors.length).toBeLessThanOrEqual(5);
  });

  it('when it builds a retrieval query, then it names the side, the timeframe and the regime', () => {
    const ctx = contextPack({ bars: trendBars({ drift: 0.3 }) });
    expect(
      technicalAgent.query({
        intent: intentOf({ side: 'short', entry: 100 }),
        ctx,
        news: [],
        fundamentals: undefined,
      }),
    ).toMatch(/^short 1d entry in a (uptrend|downtrend|range)/);
  });
});

describe('technical agent tally', () => {
  it('when the same bars are read for a long and a short at any entry, then the market tally is the same and a level in the way is named as a plan check', () => {
    const ctx = contextPack({ bars: trendBars({ drift: 0.1 }) });
    const close = ctx.primary.lastBar.close;
    const atr = ctx.primary.latest.atr14 ?? 1;
    const market = (reasoning: string) => /(\d+ of \d+ signals lean up, \d+ down)/.exec(reasoning)?.[1];
    let planChecks = 0;
    for (let k = -10; k <= 10; k++) {
      const entry = Math.round((close + (k * atr) / 4) * 100) / 100;
      const long = technicalAgent.analyse(input(ctx, intentOf({ side: 'long', entry, stop: undefined })));
      const short = technicalAgent.analyse(input(ctx, intentOf({ side: 'short', entry, stop: undefined })));
      expect(market(long.recommendation.reasoning)).toBeDefined();
      expect(market(long.recommendation.reasoning)).toBe(market(short.recommendation.reasoning));
      if (/check of the plan against it/.test(long.recommendation.reasoning + short.recommendation.reasoning))
        planChecks += 1;
    }
    expect(planChecks).toBeGreaterThan(0);
  });
});
