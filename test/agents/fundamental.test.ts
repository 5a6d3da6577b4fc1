import { describe, expect, it } from 'vitest';
import { fundamentalAgent } from '../../src/agents/fundamental.js';
import type { AgentInput } from '../../src/agents/types.js';
import type { ContextPack } from '../../src/market/context/index.js';
import type { Fundamentals } from '../../src/market/fundamentals/index.js';
import { contextPack, intentOf } from '../helpers/context.js';
import { fundamentals, trendBars } from './fixtures.js';

const ctx = contextPack({ bars: trendBars() });

function run(fu: Fundamentals | undefined, pack: ContextPack = ctx, side: 'long' | 'short' = 'long') {
  const input: AgentInput = {
    intent: intentOf({ side, entry: 100 }),
    ctx: pack,
    chunks: [],
    news: [],
    fundamentals: fu,
  };
  return fundamentalAgent.analyse(input);
}

const asIndex = { ...ctx, ticker: { ...ctx.ticker, assetClass: 'index' } } as ContextPack;
const asEtf = { ...ctx, ticker: { ...ctx.ticker, assetClass: 'etf' } } as ContextPack;

describe('fundamental agent (rule mode)', () => {
  it.each([
    [
      'cheap for its growth, improving, profitable, light debt',
      'BUY',
      { peRatio: 15, forwardPe: 12, epsGrowthPct: 20, profitMarginPct: 20, debtToEquity: 0.3 },
    ],
    [
      'expensive, shrinking, thin margins, heavy debt',
      'SELL',
      { peRatio: 60, forwardPe: 70, epsGrowthPct: -10, profitMarginPct: 2, debtToEquity: 3 },
    ],
    [
      'loss-making with falling earnings',
      'SELL',
      { peRatio: -8, forwardPe: null, epsGrowthPct: -30, profitMarginPct: -5, debtToEquity: 1 },
    ],
    [
      'middling on every count (PEG 1.8)',
      'HOLD',
      { peRatio: 18, forwardPe: 18, epsGrowthPct: 10, profitMarginPct: 10, debtToEquity: 1 },
    ],
    [
      'fairly valued but priced far above its growth (PEG 4)',
      'SELL',
      { peRatio: 20, forwardPe: 20, epsGrowthPct: 5, profitMarginPct: 10, debtToEquity: 1 },
    ],
  ] as const)('when the company is %s, then it says %s', (_name, expected, numbers) => {
    expect(run(fundamentals(numbers)).recommendation.recommendation).toBe(expected);
  });

  it.each([
    ['an index', asIndex, fundamentals(), /^insufficient data: fundamentals do not apply to an index$/],
    [
      'an ETF',
      asEtf,
      fundamentals(),
      /^insufficient data: company fundamentals do not apply to an instrument of class etf$/,
    ],
    [
      'a stock with nothing on record',
      ctx,
      undefined,
      /^insufficient data: no fundamentals on record for TEST; import them with `buddy fundamentals import FILE.csv`$/,
    ],
    [
      'a stock with every field empty',
      ctx,
      fundamentals({
        peRatio: null,
        forwardPe: null,
        epsGrowthPct: null,
        profitMarginPct: null,
        debtToEquity: null,
        dividendYieldPct: null,
      }),
      /^insufficient data: no fundamentals on record/,
    ],
    [
      'a stock with two fields',
      ctx,
      fundamentals({ forwardPe: null, epsGrowthPct: null, profitMarginPct: null, debtToEquity: null }),
      /^insufficient data: only peRatio, dividendYieldPct on record for TEST/,
    ],
  ] as const)('when the instrument is %s, then it abstains', (_name, pack, fu, reason) => {
    const { recommendation } = run(fu, pack);
    expect(recommendation).toMatchObject({ recommendation: 'HOLD', confidence: 10 });
    expect(recommendation.reasoning).toMatch(reason);
  });

  it('when PE and EPS growth are positive, then PEG is their ratio and carries the valuation vote', () => {
    const { facts, recommendation } = run(fundamentals({ peRatio: 24, epsGrowthPct: 16 }));
    expect(facts['peg']).toBe(1.5);
    expect(
      recommendation.key_factors.some((k) => k.evidence.kind === 'feature' && k.evidence.name === 'peg'),
    ).toBe(true);
  });

  it('when the sector is Financials, then debt/equity does not vote', () => {
    const bank = run(fundamentals({ sector: 'Financials', debtToEquity: 10 }));
    const other = run(fundamentals({ sector: 'Technology', debtToEquity: 10 }));
    expect(bank.recommendation.key_factors.map((k) => k.factor).join()).not.toMatch(/Debt\/equity/);
    expect(other.recommendation.key_factors.map((k) => k.factor).join()).toMatch(/Debt\/equity 10 is heavy/);
  });

  it('when the numbers are years older than the last bar, then confidence is halved and the reasoning says why', () => {
    const numbers = { peRatio: 15, forwardPe: 12, epsGrowthPct: 20, profitMarginPct: 20, debtToEquity: 0.3 };
    const fresh = run(fundamentals(numbers));
    const stale = run(fundamentals({ ...numbers, asOf: '2021-06-30' }));
    expect(stale.recommendation.recommendation).toBe('BUY');
    expect(stale.recommendation.confidence).toBe(Math.round(fresh.recommendation.confidence / 2));
    expect(stale.recommendation.reasoning).toMatch(/days older than the last bar, so confidence is halved/);
  });

  it('when the numbers are dated after the last bar, then they count as look-ahead and confidence is halved', () => {
    const later = run(fundamentals({ asOf: '2030-01-01', peRatio: 15, forwardPe: 12, epsGrowthPct: 20 }));
    expect(later.recommendation.reasoning).toMatch(/dated \d+ days after the last bar/);
  });

  it('when the values are demo data, then the reasoning says they are synthetic', () => {
    expect(run(fundamentals({ source: 'demo (synthetic)' })).recommendation.reasoning).toMatch(
      /synthetic demo values, not real company data/,
    );
    expect(run(fundamentals()).recommendation.reasoning).not.toMatch(/synthetic/);
  });

  it('when the dividend yield is above 8%, then it votes down as a possible cut', () => {
    const { recommendation } = run(fundamentals({ dividendYieldPct: 11 }));
    expect(recommendation.key_factors.map((k) => k.factor).join()).toMatch(
      /Dividend yield 11% is high enough to suggest a cut/,
    );
  });
});
