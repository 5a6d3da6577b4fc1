import type { Bar } from '../../src/market/types.js';
import type { CandleChartSpec } from '../../src/charts/index.js';

/** A seeded random walk with realistic daily ranges and volumes; the same seed gives the same bars. */
export function randomWalkBars(count: number, seed = 42, start = 100, stepMs = 86_400_000): Bar[] {
  let state = seed;
  const rnd = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const bars: Bar[] = [];
  let price = start;
  let ts = Date.UTC(2024, 0, 2);
  for (let i = 0; i < count; i++) {
    const open = price;
    const close = open * (1 + (rnd() - 0.5) * 0.04);
    const high = Math.max(open, close) * (1 + rnd() * 0.012);
    const low = Math.min(open, close) * (1 - rnd() * 0.012);
    bars.push({ ts, open, high, low, close, volume: Math.round(1e6 + rnd() * 4e6) });
    price = close;
    ts += stepMs;
  }
  return bars;
}

export function ema(bars: readonly Bar[], period: number): (number | undefined)[] {
  const k = 2 / (period + 1);
  let value: number | undefined;
  return bars.map((b, i) => {
    value = value === undefined ? b.close : b.close * k + value * (1 - k);
    return i >= period - 1 ? value : undefined;
  });
}

export function lastClose(bars: readonly Bar[]): number {
  const last = bars[bars.length - 1];
  if (last === undefined) throw new Error('no bars');
  return last.close;
}

/** A complete long-idea spec around the last close of `bars`. */
export function fullSpec(bars: Bar[], overrides: Partial<CandleChartSpec> = {}): CandleChartSpec {
  const close = lastClose(bars);
  return {
    title: 'Long idea audit',
    symbol: 'TEST',
    timeframe: '1d',
    bars,
    overlays: [
      { name: 'EMA 20', values: ema(bars, 20) },
      { name: 'EMA 50', values: ema(bars, 50) },
    ],
    lines: [
      { kind: 'entry', price: close, label: 'Entry' },
      { kind: 'stop', price: close * 0.97, label: 'Stop' },
      { kind: 'target', price: close * 1.06, label: 'Target' },
    ],
    levels: [
      { label: 'PDH', price: close * 1.01, kind: 'resistance' },
      { label: 'PDL', price: close * 0.99, kind: 'support' },
    ],
    badge: { text: 'Regime: uptrend', tone: 'bull' },
    ...overrides,
  };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which the PNG spec requires first after the signature. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR')
    throw new Error('not a PNG: first chunk is not IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
