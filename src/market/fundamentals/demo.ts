import type { FundamentalsUpdate } from '../../db/index.js';
import { DEMO_UNIVERSE, type DemoInstrument } from '../data/demo-universe.js';
import { gaussian, mulberry32 } from '../data/prng.js';
import { DEMO_FUNDAMENTALS_SOURCE } from './types.js';

/** The quarter end before the last demo bar (vega-datasets' S&P 500 series ends 2020-04-17). */
export const DEMO_FUNDAMENTALS_AS_OF = '2020-03-31';

interface SectorProfile {
  pe: number;
  forwardRatio: number;
  epsGrowth: number;
  margin: number;
  debtToEquity: number;
  dividendYield: number;
}

/** Typical figures per sector, in the ranges the knowledge base describes; each stock varies around them. */
const PROFILES: Record<string, SectorProfile> = {
  Technology: {
    pe: 28,
    forwardRatio: 0.85,
    epsGrowth: 15,
    margin: 20,
    debtToEquity: 0.4,
    dividendYield: 0.6,
  },
  Financials: { pe: 12, forwardRatio: 0.92, epsGrowth: 6, margin: 22, debtToEquity: 3, dividendYield: 2.8 },
  Energy: { pe: 14, forwardRatio: 1.15, epsGrowth: -6, margin: 7, debtToEquity: 0.6, dividendYield: 4.6 },
  'Health Care': {
    pe: 20,
    forwardRatio: 0.88,
    epsGrowth: 9,
    margin: 15,
    debtToEquity: 0.7,
    dividendYield: 1.8,
  },
  Utilities: { pe: 18, forwardRatio: 0.96, epsGrowth: 4, margin: 12, debtToEquity: 1.6, dividendYield: 3.6 },
  'Consumer Discretionary': {
    pe: 24,
    forwardRatio: 0.9,
    epsGrowth: 10,
    margin: 6,
    debtToEquity: 1.1,
    dividendYield: 1,
  },
  'Consumer Staples': {
    pe: 22,
    forwardRatio: 0.97,
    epsGrowth: 4,
    margin: 9,
    debtToEquity: 0.8,
    dividendYield: 2.7,
  },
};

const FALLBACK: SectorProfile = {
  pe: 18,
  forwardRatio: 0.95,
  epsGrowth: 6,
  margin: 10,
  debtToEquity: 1,
  dividendYield: 2,
};

/** A stable seed per symbol (FNV-1a), so adding a symbol never changes another's values. */
function seedOf(symbol: string): number {
  let h = 0x811c9dc5;
  for (const c of symbol) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const r2 = (v: number) => Math.round(v * 100) / 100;

/**
 * Synthetic fundamentals for one demo instrument: its sector's profile with a seeded spread
 * (x e^(0.25 z) on ratios, +/- a few points on growth and margins). Deterministic; marked as demo.
 */
export function demoFundamentals(d: DemoInstrument): FundamentalsUpdate {
  const p = PROFILES[d.sector] ?? FALLBACK;
  const normal = gaussian(mulberry32(seedOf(d.symbol)));
  const spread = () => Math.exp(0.25 * normal());
  const pe = p.pe * spread();
  const epsGrowth = p.epsGrowth + 6 * normal();
  return {
    symbol: d.symbol,
    // Annual dollar turnover of about one market cap is typical for large US stocks.
    marketCap: Math.round(d.avgVolume * d.startPrice * 250 * spread()),
    peRatio: r1(pe),
    forwardPe: r1(pe * p.forwardRatio * Math.exp(0.05 * normal())),
    epsGrowthPct: r1(epsGrowth),
    profitMarginPct: r1(Math.max(-20, p.margin + 3 * normal())),
    debtToEquity: r2(p.debtToEquity * spread()),
    dividendYieldPct: r2(Math.max(0, p.dividendYield * spread())),
    fundamentalsAsOf: DEMO_FUNDAMENTALS_AS_OF,
    fundamentalsSource: DEMO_FUNDAMENTALS_SOURCE,
  };
}

export function demoUniverseFundamentals(): FundamentalsUpdate[] {
  return DEMO_UNIVERSE.map(demoFundamentals);
}
