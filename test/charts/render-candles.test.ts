import { describe, expect, it } from 'vitest';
import {
  ChartSpecError,
  renderCandleChart,
  renderCandleSvg,
  type CandleChartSpec,
} from '../../src/charts/index.js';
import { fullSpec, lastClose, pngSize, randomWalkBars } from './fixtures.js';

const bars = randomWalkBars(260);
const close = lastClose(bars);

/** The text content of every <text> element, entities decoded. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );
}

describe('renderCandleChart', () => {
  it.each([
    [undefined, undefined, 1200, 700],
    [800, 450, 800, 450],
    [1600, 900, 1600, 900],
  ])('when width=%s height=%s, then the PNG is %ix%i', async (width, height, w, h) => {
    const png = await renderCandleChart(fullSpec(bars, { width, height }));
    expect(pngSize(png)).toEqual({ width: w, height: h });
    // A blank canvas compresses to a few KB; a drawn chart does not.
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('when levels are empty, then it still renders a PNG', async () => {
    const png = await renderCandleChart(fullSpec(bars, { levels: [] }));
    expect(pngSize(png)).toEqual({ width: 1200, height: 700 });
  });

  it('when there are fewer than 120 bars, then it draws all of them', async () => {
    const few = randomWalkBars(30);
    const png = await renderCandleChart(fullSpec(few));
    expect(pngSize(png).width).toBe(1200);
    expect(texts(renderCandleSvg(fullSpec(few))).some((t) => t.includes('· 30 bars ·'))).toBe(true);
  });

  it('when there are more bars than maxBars, then only the last maxBars are drawn', () => {
    expect(texts(renderCandleSvg(fullSpec(bars))).some((t) => t.includes('· 160 bars ·'))).toBe(true);
    expect(
      texts(renderCandleSvg(fullSpec(bars, { maxBars: 200 }))).some((t) => t.includes('· 200 bars ·')),
    ).toBe(true);
  });
});

describe('renderCandleSvg content', () => {
  const spec = fullSpec(bars, { badge: { text: 'Regime: chop · high vol', tone: 'warn' } });
  const shown = texts(renderCandleSvg(spec));

  it.each([
    [`Entry ${close.toFixed(2)}`],
    [`Stop ${(close * 0.97).toFixed(2)}`],
    [`Target ${(close * 1.06).toFixed(2)}`],
    ['Regime: chop · high vol'],
    [`PDH ${(close * 1.01).toFixed(2)}`],
    [`PDL ${(close * 0.99).toFixed(2)}`],
    ['TEST · 1d — Long idea audit'],
  ])('when the spec has it, then the SVG shows "%s"', (text) => {
    expect(shown).toContain(text);
  });

  it('when overlays are given, then the legend names each with its latest value', () => {
    expect(shown.some((t) => /^EMA 20 \d+\.\d{2}$/.test(t))).toBe(true);
    expect(shown.some((t) => /^EMA 50 \d+\.\d{2}$/.test(t))).toBe(true);
  });

  it('when levels lie outside the visible range, then none of them is drawn', () => {
    const far = fullSpec(bars, {
      levels: [
        { label: 'ATH', price: close * 5, kind: 'resistance' },
        { label: 'Deep', price: close * 0.1, kind: 'support' },
      ],
    });
    const svgTexts = texts(renderCandleSvg(far));
    expect(svgTexts.some((t) => t.startsWith('ATH') || t.startsWith('Deep'))).toBe(false);
    expect(svgTexts).toContain(`Entry ${close.toFixed(2)}`);
  });

  it('when a target is far beyond the bars, then its tag is pinned to the edge with an arrow', () => {
    const svgTexts = texts(
      renderCandleSvg(
        fullSpec(bars, {
          lines: [
            { kind: 'entry', price: close, label: 'Entry' },
            { kind: 'target', price: close * 20, label: 'Target' },
          ],
        }),
      ),
    );
    expect(svgTexts).toContain(`▲ Target ${(close * 20).toFixed(2)}`);
  });

  it('when more than 6 levels are in range, then the 6 nearest the last close are labelled, beside the candles', () => {
    const levels = Array.from({ length: 12 }, (_, i) => ({
      label: `L${i}`,
      price: close * (1 + (i - 6) * 0.004),
      kind: 'pivot' as const,
    }));
    const labelled = texts(renderCandleSvg(fullSpec(bars, { levels }))).filter((t) => /^L\d+ /.test(t));
    const names = labelled.map((t) => t.split(' ')[0]);
    // Six since the compact chart (issue 14: labels piled up over the candles with eight).
    expect(names).toHaveLength(6);
    // Distance ranks: L6 (0), L5/L7, L4/L8, then one of L3/L9.
    expect(names).toEqual(expect.arrayContaining(['L4', 'L5', 'L6', 'L7', 'L8']));
    expect(names).not.toContain('L0');
    expect(names).not.toContain('L11');
  });
});

describe('spec validation', () => {
  const good = fullSpec(randomWalkBars(40));
  const first = good.bars[0];
  if (first === undefined) throw new Error('fixture has bars');

  it.each<[string, CandleChartSpec, string]>([
    ['no bars', { ...good, bars: [] }, 'bars: at least 2 bars'],
    [
      'a bar whose high is below its low',
      { ...good, bars: [{ ...first, high: first.low - 1 }, ...good.bars.slice(1)] },
      'bars.0',
    ],
    ['bars out of order', { ...good, bars: [...good.bars].reverse() }, 'strictly increasing'],
    ['a negative price', { ...good, lines: [{ kind: 'stop', price: -5, label: 'Stop' }] }, 'lines.0.price'],
    [
      'an overlay not aligned with the bars',
      { ...good, overlays: [{ name: 'EMA 20', values: [1, 2, 3] }] },
      'has 3 values but there are 40 bars',
    ],
    ['an unknown timeframe', { ...good, timeframe: '2d' as never }, 'timeframe'],
    ['a width too small to read', { ...good, width: 100 }, 'width'],
  ])('when the spec has %s, then it throws ChartSpecError naming the problem', (_name, spec, fragment) => {
    let caught: unknown;
    try {
      renderCandleSvg(spec);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ChartSpecError);
    const error = caught as ChartSpecError;
    expect(error.code).toBe('chart-spec-invalid');
    expect(error.message).toContain(fragment);
  });

  it('when the spec is invalid, then renderCandleChart rejects with the same error', async () => {
    await expect(renderCandleChart({ ...good, bars: [] })).rejects.toBeInstanceOf(ChartSpecError);
  });
});
