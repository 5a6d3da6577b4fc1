import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  computeFeatures,
  type FeatureColumns,
  type FeatureName,
} from '../../../src/market/features/index.js';
import type { Bar } from '../../../src/market/types.js';
import { DAILY_DIR, loadDailyCsv } from '../regime/daily-csv.js';

/**
 * computeFeatures against TA-Lib on real daily bars. The fixtures hold TA-Lib's output (dates and
 * values only) for the first 500 bars of a few files of ../shared/data/market/daily, written by
 * scripts/reference/talib-fixtures.ts; each file's `source` names the TA-Lib version, calls and
 * range. AMD, AMAT and AES were chosen because their highs rise exactly as much as their lows fall
 * on several bars, the case Wilder's directional movement counts as neither +DM nor -DM.
 */
interface Fixture {
  source: Record<string, unknown>;
  symbol: string;
  dates: string[];
  indicators: Record<string, { first: number; values: number[] }>;
}

const FIXTURES_DIR = join(import.meta.dirname, '../../fixtures/reference');
const fixtures: Fixture[] = readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith('.talib.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(FIXTURES_DIR, f), 'utf8')) as Fixture);
const hasData = existsSync(DAILY_DIR);

/** A relative tolerance, with a floor for values that cross zero (MACD) or sit near it (DI, RSI). */
const TOLERANCE = 1e-6;
const FLOOR: Partial<Record<FeatureName, (bar: Bar) => number>> = {
  macd: (bar) => bar.close / 100,
  macdSignal: (bar) => bar.close / 100,
  macdHist: (bar) => bar.close / 100,
};

interface Case {
  fixture: Fixture;
  bars: Bar[];
  features: FeatureColumns;
}

function load(fixture: Fixture): Case {
  const bars = loadDailyCsv(join(DAILY_DIR, `${fixture.symbol}.csv`)).slice(0, fixture.dates.length);
  return { fixture, bars, features: computeFeatures(bars, { intraday: false }) };
}

/** The worst deviation of one feature from TA-Lib, as a fraction of the tolerance allowed there. */
function worst({ fixture, bars, features }: Case, name: FeatureName): { ratio: number; at: string } {
  const reference = fixture.indicators[name];
  if (!reference) throw new Error(`${fixture.symbol}: the fixture has no ${name}`);
  let ratio = 0;
  let at = 'nowhere';
  reference.values.forEach((expected, k) => {
    const i = reference.first + k;
    const bar = bars[i];
    const actual = features[name][i];
    if (!bar || actual === undefined) throw new Error(`${fixture.symbol}: no bar ${i}`);
    const allowed = TOLERANCE * Math.max(Math.abs(expected), FLOOR[name]?.(bar) ?? 1);
    const r = Number.isNaN(actual) ? Number.POSITIVE_INFINITY : Math.abs(actual - expected) / allowed;
    if (r > ratio) {
      ratio = r;
      at = `${fixture.dates[i]} (bar ${i}): ${actual} vs TA-Lib ${expected}`;
    }
  });
  return { ratio, at };
}

const firstDefined = (column: Float64Array): number => column.findIndex((v) => !Number.isNaN(v));

const NAMES: FeatureName[] = [
  'sma20',
  'sma50',
  'sma200',
  'ema20',
  'ema50',
  'ema200',
  'rsi14',
  'atr14',
  'macd',
  'macdSignal',
  'macdHist',
  'bbUpper',
  'bbMiddle',
  'bbLower',
  'adx14',
  'plusDi',
  'minusDi',
  'stochK',
  'stochD',
  'obv',
];

describe('features against TA-Lib on real daily bars', () => {
  if (!hasData) {
    it.skip(`no shared market data in ${DAILY_DIR}: the TA-Lib comparison is skipped`, () => {});
    return;
  }
  const cases = fixtures.map(load);

  it('when the fixtures are read, then they cover every pinned feature on the bars the parser keeps', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const { fixture, bars } of cases) {
      expect(bars.map((b) => new Date(b.ts).toISOString().slice(0, 10))).toEqual(fixture.dates);
      expect(Object.keys(fixture.indicators).sort()).toEqual([...NAMES].sort());
      expect(String(fixture.source.library)).toMatch(/^TA-Lib C /);
    }
  });

  describe.each(fixtures.map((f) => [f.symbol]))('%s', (symbol) => {
    const c = cases.find((x) => x.fixture.symbol === symbol) as Case;
    it.each(NAMES.map((n) => [n]))(
      'when %s is computed, then it starts on TA-Lib’s first bar and stays within 1e-6 of it',
      (name) => {
        const reference = c.fixture.indicators[name];
        expect(firstDefined(c.features[name])).toBe(reference?.first);
        const { ratio, at } = worst(c, name);
        expect(ratio, `worst at ${at}`).toBeLessThanOrEqual(1);
      },
    );
  });

  it('when the high rises exactly as much as the low falls, then neither counts as directional movement (Wilder, TA-Lib)', () => {
    let equalMoves = 0;
    for (const { fixture, bars, features } of cases) {
      const plus = fixture.indicators.plusDi;
      const minus = fixture.indicators.minusDi;
      if (!plus || !minus) throw new Error('the fixture has no DI');
      bars.forEach((bar, i) => {
        const previous = bars[i - 1];
        if (!previous || i < plus.first) return;
        const up = bar.high - previous.high;
        if (!(up > 0 && up === previous.low - bar.low)) return;
        equalMoves += 1;
        expect(features.plusDi[i]).toBeCloseTo(plus.values[i - plus.first] ?? Number.NaN, 6);
        expect(features.minusDi[i]).toBeCloseTo(minus.values[i - minus.first] ?? Number.NaN, 6);
        // With no movement counted, +DM14 and -DM14 only decay by 13/14 while TR14 cannot decay
        // faster, so neither DI can rise on such a bar.
        if (i > plus.first) {
          expect(features.plusDi[i]).toBeLessThanOrEqual((features.plusDi[i - 1] ?? 0) + 1e-9);
          expect(features.minusDi[i]).toBeLessThanOrEqual((features.minusDi[i - 1] ?? 0) + 1e-9);
        }
      });
    }
    // AMD (6), AMAT (2) and AES (3) hold 11 such bars after the DI warm-up in their first 500 bars.
    expect(equalMoves).toBe(11);
  });

  it('when EMA200 is first defined, then it is the mean of the first 200 closes, not a first-price seed', () => {
    for (const { bars, features } of cases) {
      const mean = bars.slice(0, 200).reduce((s, b) => s + b.close, 0) / 200;
      expect(firstDefined(features.ema200)).toBe(199);
      expect(features.ema200[199]).toBeCloseTo(mean, 9);
    }
  });

  it('when ATR, MACD and DI warm up, then they start on the bars TA-Lib does: 14, 33 and 14; ADX on 27', () => {
    for (const { features } of cases) {
      expect(firstDefined(features.atr14)).toBe(14);
      expect(firstDefined(features.macd)).toBe(33);
      expect(firstDefined(features.macdSignal)).toBe(33);
      expect(firstDefined(features.plusDi)).toBe(14);
      expect(firstDefined(features.adx14)).toBe(27);
    }
  });

  it('when OBV starts, then it is the first bar’s volume and moves by each later bar’s volume', () => {
    for (const { bars, features } of cases) {
      expect(features.obv[0]).toBe(bars[0]?.volume);
      const i = 40;
      const [prev, bar] = [bars[i - 1] as Bar, bars[i] as Bar];
      const sign = Math.sign(bar.close - prev.close);
      expect((features.obv[i] ?? 0) - (features.obv[i - 1] ?? 0)).toBe(sign * bar.volume);
    }
  });
});
