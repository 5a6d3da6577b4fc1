import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CUT_MARKER,
  escapeSlack,
  PARTIAL_ENTITY,
  splitText,
  truncate,
  truncateEscaped,
} from '../../../src/bot/render/text-limits.js';

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['a'.repeat(30), 20, `${'a'.repeat(7)}${CUT_MARKER}`],
    ['ab😀cd'.repeat(10), 16, `ab${CUT_MARKER}`],
    ['ab😀cd'.repeat(10), 17, `ab😀${CUT_MARKER}`],
  ])('when %j is cut to %i, then it is %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it('when any text is cut to any limit, then it fits and keeps no half emoji', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (text, max) => {
          const out = truncate(text, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(/[\uD800-\uDBFF]$/.test(out)).toBe(false);
          if (text.length > max && max > CUT_MARKER.length) expect(out.endsWith(CUT_MARKER)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('splitText', () => {
  it('when any text is split, then every chunk fits and joining them gives the text back', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 2_000 }),
        fc.integer({ min: 2, max: 400 }),
        (text, max) => {
          const chunks = splitText(text, max);
          expect(chunks.join('')).toBe(text);
          for (const c of chunks) expect(c.length).toBeLessThanOrEqual(max);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('when escaped Slack text is split, then no chunk ends inside an entity', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a&<> ]{0,600}$/), fc.integer({ min: 12, max: 100 }), (raw, max) => {
        const text = escapeSlack(raw);
        const chunks = splitText(text, max, PARTIAL_ENTITY);
        expect(chunks.join('')).toBe(text);
        for (const c of chunks.slice(0, -1)) expect(PARTIAL_ENTITY.test(c)).toBe(false);
        const cut = truncateEscaped(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(PARTIAL_ENTITY.test(cut.replace(CUT_MARKER, ''))).toBe(false);
      }),
      { numRuns: 1_000 },
    );
  });
});
