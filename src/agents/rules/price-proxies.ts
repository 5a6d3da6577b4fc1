import type { FrameContext } from '../../market/context/index.js';
import type { NewsItem } from '../../market/news/types.js';

const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;
/** A 52-week reading needs bars reaching back at least this far (holidays and gaps allowed). */
const MIN_YEAR_COVER_MS = 330 * DAY_MS;

export interface PriceProxies {
  /** Last bar's open against the prior close, in percent and in ATR. */
  gapPct?: number;
  gapAtr?: number;
  /** Last bar's close against the prior close, in percent. */
  changePct?: number;
  relVolume?: number;
  high52w?: number;
  low52w?: number;
  /** Close against the 52-week high (zero or negative) and low (zero or positive), in percent. */
  distFrom52wHighPct?: number;
  distFrom52wLowPct?: number;
}

/** Sentiment read from price and volume alone: gaps, volume surges, distance from the 52-week range. */
export function priceProxies(frame: FrameContext): PriceProxies {
  const { bars, latest, lastBar } = frame;
  const prev = bars[bars.length - 2];
  const out: PriceProxies = {};
  if (prev && prev.close > 0) {
    out.gapPct = (lastBar.open / prev.close - 1) * 100;
    out.changePct = (lastBar.close / prev.close - 1) * 100;
    if (latest.atr14) out.gapAtr = (lastBar.open - prev.close) / latest.atr14;
  }
  if (latest.relVolume !== undefined) out.relVolume = latest.relVolume;
  const first = bars[0];
  if (first && lastBar.ts - first.ts >= MIN_YEAR_COVER_MS) {
    const year = bars.filter((b) => b.ts > lastBar.ts - YEAR_MS);
    const high = Math.max(...year.map((b) => b.high));
    const low = Math.min(...year.map((b) => b.low));
    out.high52w = high;
    out.low52w = low;
    out.distFrom52wHighPct = (lastBar.close / high - 1) * 100;
    out.distFrom52wLowPct = (lastBar.close / low - 1) * 100;
  }
  return out;
}

export interface NewsTone {
  count: number;
  scored: number;
  meanScore?: number;
  positive: number;
  negative: number;
  from: number;
  to: number;
}

export const NEWS_LOOKBACK_DAYS = 7;

/**
 * Headlines published in the `lookbackDays` before the last bar (and up to one day after its
 * open, for the session itself), so a backdated evaluation never reads later news.
 */
export function newsWindow(asOf: number, lookbackDays = NEWS_LOOKBACK_DAYS): { from: number; to: number } {
  return { from: asOf - lookbackDays * DAY_MS, to: asOf + DAY_MS };
}

export function newsTone(
  news: readonly NewsItem[],
  asOf: number,
  lookbackDays = NEWS_LOOKBACK_DAYS,
): NewsTone {
  const { from, to } = newsWindow(asOf, lookbackDays);
  const inWindow = news.filter((n) => n.publishedAt >= from && n.publishedAt < to);
  const scores = inWindow.flatMap((n) => (n.score === null ? [] : [n.score]));
  const tone: NewsTone = {
    count: inWindow.length,
    scored: scores.length,
    positive: scores.filter((s) => s > 0).length,
    negative: scores.filter((s) => s < 0).length,
    from,
    to,
  };
  if (scores.length > 0) tone.meanScore = scores.reduce((a, b) => a + b, 0) / scores.length;
  return tone;
}
