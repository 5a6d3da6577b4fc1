import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FAMILY, CHART_FONT_FILES } from '../../src/charts/index.js';
import { chartTextMeasurer } from '../../src/charts/font.js';

function drawnWidth(text: string, size: number, weight: 'normal' | 'bold'): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="60"><text x="10" y="40" style="font-size:${size}px;font-family:${CHART_FONT_FAMILY};font-weight:${weight};">${text}</text></svg>`;
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [...CHART_FONT_FILES], defaultFontFamily: CHART_FONT_FAMILY },
  });
  const box = resvg.getBBox();
  if (box === undefined) throw new Error('resvg drew no text: font not loaded');
  return box.width;
}

describe('chart font', () => {
  it('when resolved, then the font files are absolute paths that exist, whatever the cwd', () => {
    expect(CHART_FONT_FILES.length).toBeGreaterThanOrEqual(2);
    for (const file of CHART_FONT_FILES) {
      expect(isAbsolute(file)).toBe(true);
      expect(existsSync(file)).toBe(true);
    }
  });

  // The ink box is a little narrower than the advance width (side bearings), so allow a few px.
  it.each([
    ['Target 178.00', 11, 'bold'],
    ['Regime: downtrend · high vol', 13, 'bold'],
    ['PDH · R2 170.89', 11, 'normal'],
    ['AAPL · 1d — Long idea audit', 17, 'bold'],
  ] as const)('when measuring "%s" at %ipx %s, then it matches what resvg draws', (text, size, weight) => {
    const measured = chartTextMeasurer()(
      text,
      `${weight === 'bold' ? 'bold ' : ''}${size}px ${CHART_FONT_FAMILY}`,
    ).width;
    const drawn = drawnWidth(text, size, weight);
    expect(measured).toBeGreaterThanOrEqual(drawn - 1);
    expect(measured - drawn).toBeLessThan(size * 0.4);
  });

  it('when measuring the character ZRender uses for line height, then it is one em', () => {
    expect(chartTextMeasurer()('国', `17px ${CHART_FONT_FAMILY}`).width).toBeCloseTo(17, 5);
  });
});
