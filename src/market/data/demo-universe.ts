import type { Bar } from '../types.js';
import { gaussian, mulberry32 } from './prng.js';

export interface DemoInstrument {
  symbol: string;
  name: string;
  sector: string;
  industry: string;
  /** Sensitivity to the market (SPX) return. */
  beta: number;
  /** Weight of the sector factor and of the stock's own noise, in daily return std. */
  sectorVol: number;
  idioVol: number;
  startPrice: number;
  avgVolume: number;
}

/** The synthetic demo universe: four to five sectors with distinct betas and volatilities. */
export const DEMO_UNIVERSE: readonly DemoInstrument[] = [
  {
    symbol: 'TCHA',
    name: 'Demo Tech Alpha (synthetic)',
    sector: 'Technology',
    industry: 'Software',
    beta: 1.25,
    sectorVol: 0.009,
    idioVol: 0.014,
    startPrice: 42,
    avgVolume: 9e6,
  },
  {
    symbol: 'TCHB',
    name: 'Demo Tech Beta (synthetic)',
    sector: 'Technology',
    industry: 'Semiconductors',
    beta: 1.45,
    sectorVol: 0.009,
    idioVol: 0.02,
    startPrice: 18,
    avgVolume: 2.4e7,
  },
  {
    symbol: 'TCHC',
    name: 'Demo Tech Gamma (synthetic)',
    sector: 'Technology',
    industry: 'Hardware',
    beta: 1.1,
    sectorVol: 0.009,
    idioVol: 0.012,
    startPrice: 96,
    avgVolume: 5e6,
  },
  {
    symbol: 'FINA',
    name: 'Demo Bank Alpha (synthetic)',
    sector: 'Financials',
    industry: 'Banks',
    beta: 1.2,
    sectorVol: 0.008,
    idioVol: 0.011,
    startPrice: 31,
    avgVolume: 3e7,
  },
  {
    symbol: 'FINB',
    name: 'Demo Insurer Beta (synthetic)',
    sector: 'Financials',
    industry: 'Insurance',
    beta: 0.95,
    sectorVol: 0.008,
    idioVol: 0.01,
    startPrice: 55,
    avgVolume: 4e6,
  },
  {
    symbol: 'NRGA',
    name: 'Demo Energy Alpha (synthetic)',
    sector: 'Energy',
    industry: 'Oil & Gas E&P',
    beta: 1.3,
    sectorVol: 0.014,
    idioVol: 0.018,
    startPrice: 64,
    avgVolume: 7e6,
  },
  {
    symbol: 'NRGB',
    name: 'Demo Energy Beta (synthetic)',
    sector: 'Energy',
    industry: 'Oilfield Services',
    beta: 1.5,
    sectorVol: 0.014,
    idioVol: 0.024,
    startPrice: 23,
    avgVolume: 1.1e7,
  },
  {
    symbol: 'HLTA',
    name: 'Demo Health Alpha (synthetic)',
    sector: 'Health Care',
    industry: 'Pharmaceuticals',
    beta: 0.75,
    sectorVol: 0.006,
    idioVol: 0.012,
    startPrice: 71,
    avgVolume: 6e6,
  },
  {
    symbol: 'HLTB',
    name: 'Demo Health Beta (synthetic)',
    sector: 'Health Care',
    industry: 'Biotechnology',
    beta: 1.05,
    sectorVol: 0.006,
    idioVol: 0.025,
    startPrice: 38,
    avgVolume: 3e6,
  },
  {
    symbol: 'UTLA',
    name: 'Demo Utility Alpha (synthetic)',
    sector: 'Utilities',
    industry: 'Electric Utilities',
    beta: 0.45,
    sectorVol: 0.005,
    idioVol: 0.008,
    startPrice: 47,
    avgVolume: 2.5e6,
  },
  {
    symbol: 'CONA',
    name: 'Demo Retail Alpha (synthetic)',
    sector: 'Consumer Discretionary',
    industry: 'Retail',
    beta: 1.05,
    sectorVol: 0.008,
    idioVol: 0.015,
    startPrice: 88,
    avgVolume: 4.5e6,
  },
  {
    symbol: 'CONB',
    name: 'Demo Staples Beta (synthetic)',
    sector: 'Consumer Staples',
    industry: 'Household Products',
    beta: 0.6,
    sectorVol: 0.005,
    idioVol: 0.009,
    startPrice: 112,
    avgVolume: 2e6,
  },
];

export const DEMO_SEED = 20_240_601;

/**
 * Generates daily bars for the demo universe from the real index: each stock's log return is
 * beta * index return + a sector factor + its own noise, and the noise scales with the index's
 * recent realised volatility, so crashes and calm spells (2008, 2020) show up in every sector
 * with realistic correlation. Deterministic for a given seed.
 */
export function generateDemoUniverse(index: readonly Bar[], seed = DEMO_SEED): Map<string, Bar[]> {
  const random = mulberry32(seed);
  const normal = gaussian(random);
  const sectors = [...new Set(DEMO_UNIVERSE.map((d) => d.sector))];
  const out = new Map<string, Bar[]>(DEMO_UNIVERSE.map((d) => [d.symbol, []]));
  const price = new Map(DEMO_UNIVERSE.map((d) => [d.symbol, d.startPrice]));
  let realisedVar = 0.01 ** 2;
  for (let i = 1; i < index.length; i++) {
    const prev = index[i - 1];
    const bar = index[i];
    if (!prev || !bar) continue;
    const marketReturn = Math.log(bar.close / prev.close);
    realisedVar = 0.94 * realisedVar + 0.06 * marketReturn ** 2;
    const volScale = Math.min(4, Math.max(0.5, Math.sqrt(realisedVar) / 0.01));
    const sectorShock = new Map(sectors.map((s) => [s, normal()]));
    const indexRangePct = (bar.high - bar.low) / bar.close;
    for (const d of DEMO_UNIVERSE) {
      const previousClose = price.get(d.symbol) ?? d.startPrice;
      const r =
        d.beta * marketReturn +
        volScale * (d.sectorVol * (sectorShock.get(d.sector) ?? 0) + d.idioVol * normal());
      const gap = volScale * d.idioVol * 0.3 * normal();
      const open = previousClose * Math.exp(gap);
      const close = previousClose * Math.exp(r);
      const range = Math.max(indexRangePct * d.beta, d.idioVol * volScale) * (0.6 + 0.8 * random());
      const high = Math.max(open, close) * (1 + range * random() * 0.6);
      const low = Math.min(open, close) * (1 - range * random() * 0.6);
      const volume = Math.round(
        d.avgVolume * volScale ** 0.7 * Math.exp(0.35 * normal() + 4 * Math.abs(r - marketReturn)),
      );
      out.get(d.symbol)?.push({
        ts: bar.ts,
        open: round(open),
        high: round(high),
        low: round(low),
        close: round(close),
        volume,
      });
      price.set(d.symbol, close);
    }
  }
  return out;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
