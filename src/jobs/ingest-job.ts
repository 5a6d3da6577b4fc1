import { Cron } from 'croner';
import { hostname } from 'node:os';
import type { JobRepository, MarketRepository } from '../db/index.js';
import { exchangeDate, lastClosedSession, openSession } from '../market/calendar/index.js';
import { type Ingestor, STEP_MS } from '../market/ingest/index.js';
import type { IngestTimeframe } from '../market/providers/index.js';

export const INGEST_JOB = 'market-ingest';
/** Daily bars are fetched this long after the close, once the provider has published them. */
const AFTER_CLOSE_MS = 20 * 60_000;

export interface IngestSlot {
  runKey: string;
  timeframes: IngestTimeframe[];
}

/**
 * The run due at `now`, per the NYSE calendar: during a session, one per bar of the finest
 * intraday timeframe; after a session's close, one for its daily bars (and the session's last
 * intraday bars); none on weekends, holidays or before the open.
 */
export function ingestSlot(now: number, intraday: readonly IngestTimeframe[]): IngestSlot | undefined {
  const open = openSession(now);
  if (open) {
    if (intraday.length === 0) return undefined;
    const step = Math.min(...intraday.map((tf) => STEP_MS[tf]));
    return {
      runKey: `intraday:${new Date(Math.floor(now / step) * step).toISOString()}`,
      timeframes: [...intraday],
    };
  }
  const last = lastClosedSession(now);
  if (last.date !== exchangeDate(now) || now < last.close + AFTER_CLOSE_MS) return undefined;
  return { runKey: `daily:${last.date}`, timeframes: ['1d', ...intraday] };
}

export interface IngestJobDeps {
  ingestor: Ingestor;
  market: Pick<MarketRepository, 'listTickers'>;
  jobs: Pick<JobRepository, 'claim' | 'finish'>;
  /**
   * The symbols people trade or mention now (open trades, recent ideas: src/market/watched-symbols,
   * shared with the news fetch). When given, only provider-fetched tickers among them are kept up
   * to date; without it, every provider-fetched ticker is.
   */
  watched?: () => Promise<string[]>;
  clock?: () => Date;
  instanceId?: string;
  logger?: {
    info(obj: object, msg: string): void;
    warn(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
  };
}

export interface IngestJobReport {
  runKey: string;
  symbols: number;
  added: number;
  failed: string[];
}

/**
 * Keeps the symbols people trade or mention up to date: the tickers first fetched from the
 * provider (a chat mention, an idea or a position back-fills it) that are still watched (an open
 * trade or an idea of the last 14 days), never a CSV or demo symbol. Each slot is claimed in
 * `job_runs`, so with several processes on one database exactly one fetches it.
 */
export function createIngestJob(deps: IngestJobDeps) {
  const clock = deps.clock ?? (() => new Date());
  const runBy = deps.instanceId ?? `${hostname()}:${process.pid}`;
  let cron: Cron | undefined;

  async function tick(): Promise<IngestJobReport | undefined> {
    const now = clock();
    const slot = ingestSlot(now.getTime(), deps.ingestor.settings.intraday);
    if (!slot) return undefined;
    const run = await deps.jobs.claim({
      job: INGEST_JOB,
      runKey: slot.runKey,
      scheduledFor: now,
      runBy,
      now,
    });
    if (!run) return undefined;
    const label = deps.ingestor.provider.label;
    const watched = deps.watched ? new Set(await deps.watched()) : undefined;
    const symbols = (await deps.market.listTickers())
      .filter((t) => t.source === label && (!watched || watched.has(t.symbol)))
      .map((t) => t.symbol);
    const report: IngestJobReport = { runKey: slot.runKey, symbols: symbols.length, added: 0, failed: [] };
    for (const symbol of symbols) {
      try {
        const result = await deps.ingestor.ingest(symbol, slot.timeframes);
        report.added += result.outcomes.reduce((n, o) => n + o.added, 0);
        if (result.outcomes.some((o) => o.kind === 'failed')) report.failed.push(symbol);
      } catch (error) {
        report.failed.push(symbol);
        deps.logger?.warn({ err: error, symbol }, 'market data ingest failed');
      }
    }
    await deps.jobs.finish(run.runId, {
      status: 'done',
      now: clock(),
      result: { symbols: report.symbols, added: report.added, failed: report.failed },
    });
    deps.logger?.info({ job: INGEST_JOB, ...report }, 'market data ingest done');
    return report;
  }

  return {
    tick,
    start() {
      cron ??= new Cron(
        '*/5 * * * *',
        {
          protect: true,
          catch: (error) => deps.logger?.error({ err: error }, 'market data ingest tick failed'),
        },
        async () => {
          await tick();
        },
      );
    },
    stop() {
      cron?.stop();
      cron = undefined;
    },
  };
}
