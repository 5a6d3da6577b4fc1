import { z } from 'zod';

/**
 * Broker and news provider settings (issue 16), read by src/config.ts with the rest of the
 * environment: nothing is fetched unless a key is set. The Alpaca key pair itself is shared with
 * market data (src/config-market-data.ts).
 */
export const PROVIDERS_ENV = {
  ALPACA_PAPER: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default(true),
  ALPACA_TRADING_URL: z.url().optional(),
  // The trader whose book the account is (a user id such as slack:T1:U1, or a terminal name), synced every N minutes; 0 = only by command.
  ALPACA_SYNC_USER: z.string().min(1).max(200).optional(),
  ALPACA_SYNC_MINUTES: z.coerce.number().int().min(0).max(1_440).default(15),
  FINNHUB_API_KEY: z.string().min(1).optional(),
  FINNHUB_URL: z.url().optional(),
  FINNHUB_FETCH_MINUTES: z.coerce.number().int().min(5).max(1_440).default(60),
};

type ProvidersEnv = z.infer<z.ZodObject<typeof PROVIDERS_ENV>> & {
  ALPACA_API_KEY_ID?: string | undefined;
  ALPACA_API_SECRET_KEY?: string | undefined;
};

/** Broker and news providers; each is undefined until its key is set. */
export interface ProvidersConfig {
  alpaca?:
    | {
        keyId: string;
        secretKey: string;
        paper: boolean;
        baseUrl?: string | undefined;
        /** Whose book the scheduled sync writes (default: the terminal user); 0 minutes = no schedule. */
        syncUser: string;
        syncMinutes: number;
      }
    | undefined;
  finnhub?: { apiKey: string; baseUrl?: string | undefined; fetchMinutes: number } | undefined;
}

export function providersConfig(env: ProvidersEnv, defaultSyncUser: string): ProvidersConfig {
  return {
    alpaca:
      env.ALPACA_API_KEY_ID && env.ALPACA_API_SECRET_KEY
        ? {
            keyId: env.ALPACA_API_KEY_ID,
            secretKey: env.ALPACA_API_SECRET_KEY,
            paper: env.ALPACA_PAPER,
            baseUrl: env.ALPACA_TRADING_URL,
            syncUser: env.ALPACA_SYNC_USER ?? defaultSyncUser,
            syncMinutes: env.ALPACA_SYNC_MINUTES,
          }
        : undefined,
    finnhub: env.FINNHUB_API_KEY
      ? { apiKey: env.FINNHUB_API_KEY, baseUrl: env.FINNHUB_URL, fetchMinutes: env.FINNHUB_FETCH_MINUTES }
      : undefined,
  };
}

/** Half a key pair. */
export function providersProblems(env: Record<string, string>): string[] {
  return Boolean(env.ALPACA_API_KEY_ID) !== Boolean(env.ALPACA_API_SECRET_KEY)
    ? ['ALPACA_API_KEY_ID, ALPACA_API_SECRET_KEY: set both or neither']
    : [];
}
