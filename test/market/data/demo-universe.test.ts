import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEMO_UNIVERSE,
  generateDemoUniverse,
  parseOhlcvCsv,
  spxCsvPath,
} from '../../../src/market/data/index.js';
import type { Bar } from '../../../src/market/types.js';

// The real S&P 500 daily bars (vega-datasets, 2000-2020) the demo universe is derived from.
const spx = parseOhlcvCsv(readFileSync(spxCsvPath(), 'utf8'), { symbol: 'SPX' }).bySymbol.get('SPX') ?? [];
const universe = generateDemoUniverse(spx);

function logReturns(bars: readonly Bar[]): number[] {
  return bars.slice(1).map((b, i) => Math.log(b.close / (bars[i]?.close ?? b.close)));
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const mean = (x: readonly number[]) => x.slice(0, n).reduce((s, v) => s + v, 0) / n;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] ?? 0) - ma;
    const db = (b[i] ?? 0) - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return ab / Math.sqrt(aa * bb);
}

const mean = (x: readonly number[]) => x.reduce((s, v) => s + v, 0) / x.length;
const returns = new Map([...universe].map(([symbol, bars]) => [symbol, logReturns(bars)]));
const corr = (a: string, b: string) => correlation(returns.get(a) ?? [], returns.get(b) ?? []);

describe('generateDemoUniverse', () => {
  it('when the index is loaded, then it is the full 2000-2020 daily series', () => {
    expect(spx.length).toBe(5105);
    expect(spx[0]?.ts).toBe(Date.UTC(2000, 0, 3));
  });

  it('when generated twice with the same seed, then the output is identical', () => {
    expect(generateDemoUniverse(spx)).toEqual(universe);
    expect(generateDemoUniverse(spx, 42)).toEqual(generateDemoUniverse(spx, 42));
  });

  it('when generated with another seed, then the prices differ', () => {
    expect(generateDemoUniverse(spx, 42).get('TCHA')?.at(-1)?.close).not.toBe(
      universe.get('TCHA')?.at(-1)?.close,
    );
  });

  it('when generated, then every instrument has one bar per index bar after the first, on the index dates', () => {
    expect([...universe.keys()]).toEqual(DEMO_UNIVERSE.map((d) => d.symbol));
    for (const bars of universe.values())
      expect(bars.map((b) => b.ts)).toEqual(spx.slice(1).map((b) => b.ts));
  });

  it.each(DEMO_UNIVERSE.map((d) => [d.symbol]))(
    'when %s is generated, then every bar is a valid OHLCV bar',
    (symbol) => {
      const bad = (universe.get(symbol) ?? []).filter(
        (b) =>
          !(
            b.low > 0 &&
            b.low <= Math.min(b.open, b.close) &&
            Math.max(b.open, b.close) <= b.high &&
            Number.isInteger(b.volume) &&
            b.volume > 0
          ),
      );
      expect(bad).toEqual([]);
    },
  );

  it('when returns are correlated, then same-sector pairs correlate more than cross-sector pairs on average', () => {
    const within: number[] = [];
    const across: number[] = [];
    for (const a of DEMO_UNIVERSE) {
      for (const b of DEMO_UNIVERSE) {
        if (a.symbol < b.symbol) (a.sector === b.sector ? within : across).push(corr(a.symbol, b.symbol));
      }
    }
    // Measured with the default seed: within 0.49, across 0.28.
    expect(mean(within)).toBeGreaterThan(mean(across) + 0.15);
  });

  it.each(
    DEMO_UNIVERSE.filter((d) =>
      DEMO_UNIVERSE.some((o) => o.sector === d.sector && o.symbol !== d.symbol),
    ).map((d) => [d.symbol, d.sector]),
  )(
    'when %s (%s) is compared, then it correlates more with its sector than with the other sectors',
    (symbol, sector) => {
      const mates = DEMO_UNIVERSE.filter((d) => d.sector === sector && d.symbol !== symbol).map((d) =>
        corr(symbol, d.symbol),
      );
      const others = DEMO_UNIVERSE.filter((d) => d.sector !== sector).map((d) => corr(symbol, d.symbol));
      expect(mean(mates)).toBeGreaterThan(mean(others));
    },
  );

  it('when a high-beta and a low-beta stock are compared with the index, then the high-beta one tracks it more closely', () => {
    const index = logReturns(spx.slice(1));
    expect(correlation(returns.get('FINA') ?? [], index)).toBeGreaterThan(
      correlation(returns.get('HLTB') ?? [], index),
    );
    expect(correlation(returns.get('TCHA') ?? [], index)).toBeGreaterThan(0.5);
  });
});
