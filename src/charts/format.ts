import type { Timeframe } from '../market/types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export function formatPrice(price: number): string {
  // Penny stocks and crypto fractions need more digits than a $180 stock.
  const digits = price < 1 ? 4 : price < 10 ? 3 : 2;
  return price.toFixed(digits);
}

export function formatVolume(volume: number): string {
  const units: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of units) {
    if (volume >= size) return `${(volume / size).toFixed(volume >= size * 10 ? 0 : 1)}${suffix}`;
  }
  return volume.toFixed(0);
}

export function formatDay(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

const INTRADAY: ReadonlySet<Timeframe> = new Set(['1m', '5m', '15m', '30m', '1h', '4h']);

/**
 * Date-axis text for the bar at `ts`. `prevTs` is the previous *labelled* bar: the year
 * (or the day, intraday) is only repeated when it changed, so labels stay short.
 */
export function formatAxisDate(ts: number, prevTs: number | undefined, timeframe: Timeframe): string {
  const d = new Date(ts);
  const prev = prevTs === undefined ? undefined : new Date(prevTs);
  const month = MONTHS[d.getUTCMonth()] ?? '';
  const day = `${month} ${d.getUTCDate()}`;
  if (INTRADAY.has(timeframe)) {
    const hhmm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    const sameDay = prev !== undefined && formatDay(prevTs ?? 0) === formatDay(ts);
    return sameDay ? hhmm : `${day} ${hhmm}`;
  }
  if (timeframe === '1w' || timeframe === '1M') return `${month} ${d.getUTCFullYear()}`;
  const newYear = prev === undefined || prev.getUTCFullYear() !== d.getUTCFullYear();
  return newYear ? `${day} ${d.getUTCFullYear()}` : day;
}
