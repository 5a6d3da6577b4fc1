import { errors, pagination, trading } from '@alpacahq/alpaca-trade-api';
import { z } from 'zod';
import type { ImportFill, ParsedFills } from '../fills-csv.js';
import { BrokerFileError, stockSymbol } from './common.js';

export interface AlpacaSettings {
  keyId: string;
  secretKey: string;
  /** Paper account unless false; `baseUrl` wins over both (tests, proxies). */
  paper: boolean;
  baseUrl?: string | undefined;
}

const PAGE_SIZE = 100;

/** One FILL entry of GET /v2/account/activities/FILL (Alpaca sends numbers as strings). */
const FillActivity = z.object({
  id: z.string().min(1),
  activity_type: z.literal('FILL'),
  transaction_time: z.string().min(1),
  type: z.enum(['fill', 'partial_fill']),
  price: z.coerce.number().positive(),
  qty: z.coerce.number().positive(),
  side: z.enum(['buy', 'sell', 'sell_short']),
  symbol: z.string().min(1),
  order_id: z.string().optional(),
});

/**
 * Fills from Alpaca account activities; the activity id is the natural key. Alpaca charges no
 * commission on US equities, so the fee is 0 (regulatory fees arrive as separate FEE activities).
 */
export function mapAlpacaActivities(raw: readonly unknown[]): ParsedFills {
  const fills: ImportFill[] = [];
  const skipped: ParsedFills['skipped'] = [];
  raw.forEach((entry, i) => {
    const line = i + 1;
    const parsed = FillActivity.safeParse(entry);
    const id =
      typeof (entry as { id?: unknown })?.id === 'string' ? (entry as { id: string }).id : `#${line}`;
    if (!parsed.success) {
      skipped.push({
        line,
        reason: `activity ${id}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'entry'} ${x.message}`).join('; ')}`,
      });
      return;
    }
    const a = parsed.data;
    const symbol = stockSymbol(a.symbol);
    const ts = Date.parse(a.transaction_time);
    if (!symbol || !Number.isFinite(ts)) {
      skipped.push({
        line,
        reason: `activity ${id}: ${symbol ? `unparsable transaction_time "${a.transaction_time}"` : `invalid symbol "${a.symbol}"`}`,
      });
      return;
    }
    fills.push({
      line,
      ts,
      symbol,
      side: a.side === 'buy' ? 'buy' : 'sell',
      qty: a.qty,
      price: a.price,
      fee: 0,
      tag: undefined,
      naturalKey: `alpaca:${a.id}`,
    });
  });
  return { fills, skipped, rows: raw.length };
}

/** What went wrong, in words that name no key: the SDK's errors carry the request, never shown. */
function describe(error: unknown): string {
  if (error instanceof errors.AuthError || error instanceof errors.PermissionError)
    return 'Alpaca refused the API key (401/403): check ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY';
  if (error instanceof errors.RateLimitError)
    return 'Alpaca is rate-limiting this key (429) and still was after 3 tries; try again in a minute';
  if (error instanceof errors.ApiError) return `Alpaca answered HTTP ${error.status} (after retries)`;
  if (error instanceof errors.FetchError) return 'Alpaca could not be reached (network error or timeout)';
  return 'Alpaca answered something that is not a list of activities';
}

/** Reads every FILL activity after `after` (oldest first), following Alpaca's page_token cursor. */
export function createAlpacaActivities(settings: AlpacaSettings, options: { retryDelayMs?: number } = {}) {
  const config = new trading.Configuration({
    keyId: settings.keyId,
    secret: settings.secretKey,
    paper: settings.paper,
    ...(settings.baseUrl ? { basePath: settings.baseUrl.replace(/\/+$/, '') } : {}),
    retry: {
      maxRetries: 2,
      ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    },
    timeoutMs: 30_000,
  });
  const api = new trading.AccountActivitiesApi(config);
  return {
    async fills(after?: Date): Promise<unknown[]> {
      try {
        return await pagination.collectCursor<unknown>({
          pageSize: PAGE_SIZE,
          getCursor: (last) => (last as { id?: string } | undefined)?.id,
          // The SDK's typed decoding reads every activity as a non-trade one (dropping price
          // and side), so the raw JSON is taken and checked here.
          fetchPage: async (pageToken) => {
            const response = await api.getAccountActivitiesByActivityTypeRaw({
              activityType: 'FILL',
              direction: 'asc',
              pageSize: PAGE_SIZE,
              ...(after ? { after } : {}),
              ...(pageToken ? { pageToken } : {}),
            });
            const page: unknown = await response.raw.json();
            if (!Array.isArray(page)) throw new TypeError('not an array');
            return page as unknown[];
          },
        });
      } catch (error) {
        throw new BrokerFileError(describe(error), { cause: error });
      }
    },
  };
}
