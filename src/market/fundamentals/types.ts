/** Company fundamentals as stored on `tickers`; a field nobody supplied is null, never zero. */
export interface Fundamentals {
  symbol: string;
  assetClass: string;
  sector: string | null;
  industry: string | null;
  /** In the ticker's currency. */
  marketCap: number | null;
  peRatio: number | null;
  forwardPe: number | null;
  /** Year-over-year EPS growth, in percent. */
  epsGrowthPct: number | null;
  /** Net profit margin, in percent. */
  profitMarginPct: number | null;
  debtToEquity: number | null;
  dividendYieldPct: number | null;
  /** YYYY-MM-DD. */
  asOf: string | null;
  /** Where the numbers came from; demo values say 'demo (synthetic)'. */
  source: string | null;
}

export const FUNDAMENTAL_FIELDS = [
  'marketCap',
  'peRatio',
  'forwardPe',
  'epsGrowthPct',
  'profitMarginPct',
  'debtToEquity',
  'dividendYieldPct',
] as const;
export type FundamentalField = (typeof FUNDAMENTAL_FIELDS)[number];

export const DEMO_FUNDAMENTALS_SOURCE = 'demo (synthetic)';
