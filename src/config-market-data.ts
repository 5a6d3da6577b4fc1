import { z } from 'zod';

/** The market data settings (issue 16), read by src/config.ts with the rest of the environment. */
export const MARKET_DATA_ENV = {
  MARKET_DATA_PROVIDER: z.enum(['csv', 'yahoo', 'alpaca', 'polygon']).default('csv'),
  MARKET_DATA_BASE_URL: z.url().optional(),
  MARKET_DATA_BACKFILL_DAYS: z.coerce.number().int().min(30).max(7_300).default(730),
  MARKET_DATA_INTRADAY: z
    .string()
    .regex(/^((5m|15m|1h)(,(5m|15m|1h))*)?$/, 'a comma-separated list of 5m, 15m, 1h (or empty)')
    .default('15m'),
  MARKET_DATA_INTRADAY_BACKFILL_DAYS: z.coerce.number().int().min(1).max(60).default(30),
  ALPACA_API_KEY_ID: z.string().min(1).optional(),
  ALPACA_API_SECRET_KEY: z.string().min(1).optional(),
  ALPACA_DATA_FEED: z.enum(['iex', 'sip']).default('iex'),
  POLYGON_API_KEY: z.string().min(1).optional(),
};

type MarketDataEnv = z.infer<z.ZodObject<typeof MARKET_DATA_ENV>>;

/** Where bars come from beyond CSV imports: `csv` (the default) never touches the network. */
export interface MarketDataConfig {
  provider: 'csv' | 'yahoo' | 'alpaca' | 'polygon';
  baseUrl?: string | undefined;
  alpaca?: { keyId: string; secret: string; feed: 'iex' | 'sip' } | undefined;
  polygon?: { apiKey: string } | undefined;
  backfillDays: number;
  intraday: ('5m' | '15m' | '1h')[];
  intradayBackfillDays: number;
}

export function marketDataConfig(env: MarketDataEnv): MarketDataConfig {
  return {
    provider: env.MARKET_DATA_PROVIDER,
    baseUrl: env.MARKET_DATA_BASE_URL,
    alpaca:
      env.ALPACA_API_KEY_ID && env.ALPACA_API_SECRET_KEY
        ? { keyId: env.ALPACA_API_KEY_ID, secret: env.ALPACA_API_SECRET_KEY, feed: env.ALPACA_DATA_FEED }
        : undefined,
    polygon: env.POLYGON_API_KEY ? { apiKey: env.POLYGON_API_KEY } : undefined,
    backfillDays: env.MARKET_DATA_BACKFILL_DAYS,
    intraday: [
      ...new Set(env.MARKET_DATA_INTRADAY.split(',').filter((t) => t !== '') as ('5m' | '15m' | '1h')[]),
    ],
    intradayBackfillDays: env.MARKET_DATA_INTRADAY_BACKFILL_DAYS,
  };
}

/** A provider named without its keys. */
export function marketDataProblems(env: Record<string, string>): string[] {
  const problems: string[] = [];
  if (env.MARKET_DATA_PROVIDER === 'alpaca' && !(env.ALPACA_API_KEY_ID && env.ALPACA_API_SECRET_KEY)) {
    problems.push('ALPACA_API_KEY_ID, ALPACA_API_SECRET_KEY: required when MARKET_DATA_PROVIDER=alpaca');
  }
  if (env.MARKET_DATA_PROVIDER === 'polygon' && !env.POLYGON_API_KEY) {
    problems.push('POLYGON_API_KEY: required when MARKET_DATA_PROVIDER=polygon');
  }
  return problems;
}
