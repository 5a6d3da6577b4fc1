import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAxisDate, formatPrice, formatVolume } from '../../src/charts/format.js';
import { pickLevels } from '../../src/charts/levels.js';
import { priceScaleFor, spreadLabels, yForPrice, type Pane } from '../../src/charts/scale.js';
import type { KeyLevel } from '../../src/charts/spec.js';
import { randomWalkBars } from './fixtures.js';

const pane: Pane = { left: 0, top: 0, width: 1000, height: 500 };

describe('spreadLabels', () => {
  it('when labels crowd together, then no two end up closer than the gap and all stay in bounds', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -50, max: 550, noNaN: true }), { maxLength: 20 }), (ys) => {
        const gap = 16;
        const placed = spreadLabels(ys, gap, 8, 492);
        expect(placed).toHaveLength(ys.length);
        const sorted = [...placed].sort((a, b) => a - b);
        for (let i = 1; i < sorted.length; i++) {
          expect((sorted[i] ?? 0) - (sorted[i - 1] ?? 0)).toBeGreaterThanOrEqual(gap - 1e-9);
        }
        for (const y of placed) {
          expect(y).toBeGreaterThanOrEqual(8 - 1e-9);
          expect(y).toBeLessThanOrEqual(492 + 1e-9);
        }
      }),
    );
  });

  it('when labels are already apart, then none moves', () => {
    expect(spreadLabels([300, 100, 200], 16, 0, 500)).toEqual([300, 100, 200]);
  });

  it('when labels collide, then the order top to bottom is kept', () => {
    const placed = spreadLabels([100, 101, 99], 16, 0, 500);
    expect(placed[2]).toBeLessThan(placed[0] ?? 0);
    expect(placed[0]).toBeLessThan(placed[1] ?? 0);
  });
});

describe('priceScaleFor', () => {
  const bars = randomWalkBars(100);
  const lo = Math.min(...bars.map((b) => b.low));
  const hi = Math.max(...bars.map((b) => b.high));

  it('when trade lines sit outside the bars, then the range grows to include them', () => {
    const scale = priceScaleFor(bars, [hi * 1.05, lo * 0.95]);
    expect(scale.max).toBeGreaterThan(hi * 1.05);
    expect(scale.min).toBeLessThan(lo * 0.95);
  });

  it('when a trade line is absurdly far, then the range stretches at most one bar range', () => {
    const scale = priceScaleFor(bars, [hi * 50]);
    expect(scale.max).toBeLessThan(hi + (hi - lo) * 1.1);
  });

  it('when every bar is flat, then the range is still non-empty', () => {
    const flat = bars.slice(0, 5).map((b) => ({ ...b, open: 10, high: 10, low: 10, close: 10 }));
    const scale = priceScaleFor(flat, []);
    expect(scale.max).toBeGreaterThan(scale.min);
    expect(yForPrice(10, scale, pane)).toBeGreaterThan(0);
  });
});

describe('pickLevels', () => {
  const scale = { min: 90, max: 110, step: 2 };
  const level = (label: string, price: number, kind: KeyLevel['kind'] = 'other'): KeyLevel => ({
    label,
    price,
    kind,
  });

  it('when levels lie outside the range, then they are counted, not shown', () => {
    const pick = pickLevels([level('far', 150), level('near', 101)], scale, pane, 100);
    expect(pick.shown.map((l) => l.label)).toEqual(['near']);
    expect(pick.outOfRange).toBe(1);
  });

  it('when two levels fall on the same pixel row, then they share one labelled line', () => {
    const pick = pickLevels([level('PDH', 105), level('R1', 105.05)], scale, pane, 100);
    expect(pick.shown).toHaveLength(1);
    expect(pick.shown[0]?.label).toBe('PDH · R1');
  });

  it('when there are more than the maximum, then the nearest to the last close win', () => {
    const levels = [91, 92, 97, 99, 101, 104, 108, 109].map((p) => level(`L${p}`, p));
    const pick = pickLevels(levels, scale, pane, 100, 4);
    expect(pick.shown.map((l) => l.price).sort((a, b) => a - b)).toEqual([97, 99, 101, 104]);
    expect(pick.omitted).toBe(4);
  });
});

describe('formatting', () => {
  it.each([
    [Date.UTC(2024, 2, 5), undefined, '1d', 'Mar 5 2024'],
    [Date.UTC(2024, 2, 5), Date.UTC(2024, 1, 20), '1d', 'Mar 5'],
    [Date.UTC(2025, 0, 3), Date.UTC(2024, 11, 20), '1d', 'Jan 3 2025'],
    [Date.UTC(2024, 2, 5, 14, 30), undefined, '15m', 'Mar 5 14:30'],
    [Date.UTC(2024, 2, 5, 16, 0), Date.UTC(2024, 2, 5, 14, 30), '15m', '16:00'],
    [Date.UTC(2024, 2, 4), undefined, '1w', 'Mar 2024'],
  ] as const)('when the bar is at %s after %s on %s, then the axis shows "%s"', (ts, prev, tf, text) => {
    expect(formatAxisDate(ts, prev, tf)).toBe(text);
  });

  it.each([
    [187.456, '187.46'],
    [4.5, '4.500'],
    [0.01234, '0.0123'],
  ])('when the price is %s, then it prints %s', (price, text) => {
    expect(formatPrice(price)).toBe(text);
  });

  it.each([
    [72_345_678, '72M'],
    [1_500, '1.5K'],
    [2_100_000_000, '2.1B'],
    [900, '900'],
  ])('when the volume is %s, then it prints %s', (volume, text) => {
    expect(formatVolume(volume)).toBe(text);
  });
});

describe('key-level labels', () => {
  it('when a chart has levels, then every label sits in the column left of the candles and none overlaps another', async () => {
    const { buildChartOption, parseCandleChartSpec } = await import('../../src/charts/index.js');
    const { chartTextMeasurer } = await import('../../src/charts/font.js');
    const { fullSpec } = await import('./fixtures.js');
    const bars = randomWalkBars(160);
    const close = bars.at(-1)?.close ?? 100;
    const levels = Array.from({ length: 10 }, (_, i) => ({
      label: i % 2 ? 'prev day close' : `${i + 2}-touch level`,
      price: close * (1 + (i - 5) * 0.002),
      kind: 'support' as const,
    }));
    const spec = parseCandleChartSpec(fullSpec(bars, { levels }));
    const { option } = buildChartOption(spec, chartTextMeasurer());
    const grid = (option.grid as { left: number }[])[0];
    const labels = (
      option.graphic as { type: string; x?: number; y?: number; style?: { text?: string; align?: string } }[]
    ).filter((g) => g.type === 'text' && /level|prev day/.test(g.style?.text ?? ''));
    expect(labels.length).toBeGreaterThan(2);
    for (const label of labels) {
      expect(label.style?.align).toBe('right');
      expect(label.x ?? Number.POSITIVE_INFINITY).toBeLessThan(grid?.left ?? 0);
    }
    const ys = labels.map((l) => l.y ?? 0).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect((ys[i] ?? 0) - (ys[i - 1] ?? 0)).toBeGreaterThanOrEqual(15.99);
  });
});
