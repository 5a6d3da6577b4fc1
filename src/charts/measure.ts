import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';

export type MeasureText = (text: string, font: string) => { width: number };

interface LoadedFont {
  font: opentype.Font;
  cache: Map<string, number>;
}

/**
 * Text width from the shipped font's own advance widths and kerning. ECharts lays out text
 * boxes (tag backgrounds, legend, axis labels) with this; its SSR fallback guesses widths
 * from a narrower font, which left tag text spilling out of its box once resvg drew it.
 * Glyphs are measured one by one because opentype.js's shaper rejects DejaVu's GSUB table;
 * for the Latin text on a chart that gives the same advance as a full shaper.
 */
export function createFontMeasurer(regularFile: string, boldFile: string): MeasureText {
  const regular = load(regularFile);
  const bold = load(boldFile);
  return (text, font) => {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
    const face = /\bbold\b|\b[6-9]00\b/.test(font) ? bold : regular;
    return { width: unitsWidth(face, text) * (size / face.font.unitsPerEm) };
  };
}

function load(file: string): LoadedFont {
  const bytes = readFileSync(file);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return { font: opentype.parse(buffer), cache: new Map() };
}

function unitsWidth(face: LoadedFont, text: string): number {
  const cached = face.cache.get(text);
  if (cached !== undefined) return cached;
  let units = 0;
  let previous: opentype.Glyph | undefined;
  for (const ch of text) {
    const glyph = face.font.charToGlyph(ch);
    // A character the font lacks is drawn by a fallback font at about 1 em; ZRender also
    // measures '国' to get the line height, which must come out as the font size.
    units += glyph.index === 0 ? face.font.unitsPerEm : (glyph.advanceWidth ?? 0);
    if (previous !== undefined) units += face.font.getKerningValue(previous, glyph);
    previous = glyph;
  }
  // Chart text repeats (axis labels, tags); a small bound keeps the cache from growing forever.
  if (face.cache.size > 5000) face.cache.clear();
  face.cache.set(text, units);
  return units;
}
