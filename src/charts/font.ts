import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFontMeasurer, type MeasureText } from './measure.js';
import { FONT_FAMILY } from './theme.js';

/**
 * The font ships with the repository (assets/fonts, Bitstream Vera/DejaVu licence) so a chart
 * renders the same on a bare server as on a laptop: resvg is told not to look at system fonts.
 * Resolved from this module, not the cwd.
 */
export const CHART_FONT_FILES: readonly string[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((name) =>
  fileURLToPath(new URL(`../../assets/fonts/${name}`, import.meta.url)),
);

export const CHART_FONT_FAMILY = FONT_FAMILY;

export function assertChartFontsPresent(files: readonly string[] = CHART_FONT_FILES): void {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(`Chart font files are missing: ${missing.join(', ')} (they ship in assets/fonts)`);
  }
}

let measurer: MeasureText | undefined;

/** The measurer for the shipped fonts, parsed once per process. */
export function chartTextMeasurer(): MeasureText {
  if (measurer === undefined) {
    assertChartFontsPresent();
    const [regular, bold] = CHART_FONT_FILES;
    if (regular === undefined || bold === undefined)
      throw new Error('Chart font list must name a regular and a bold face');
    measurer = createFontMeasurer(regular, bold);
  }
  return measurer;
}
