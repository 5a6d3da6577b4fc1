import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnstorableText, unstorableCharacter } from '../../src/db/index.js';
import { storable, unstorable } from '../helpers/text-arbitrary.js';

describe('unstorableCharacter', () => {
  it.each([
    ['a\u0000b', 2, 'a NUL character (U+0000)'],
    ['\ud800', 1, 'an unpaired UTF-16 surrogate (U+D800)'],
    ['ab\udfff', 3, 'an unpaired UTF-16 surrogate (U+DFFF)'],
    ['\udc00\ud83d\ude00', 1, 'an unpaired UTF-16 surrogate (U+DC00)'],
    ['📈\ud83d', 3, 'an unpaired UTF-16 surrogate (U+D83D)'],
  ])('when the text is %j, then position %d holds %s', (text, position, character) => {
    expect(unstorableCharacter(text)).toMatchObject({ index: position - 1, character });
  });

  it('when a well-formed string without NUL is checked, then it is storable', () => {
    fc.assert(
      fc.property(storable(40), (text) => {
        expect(unstorableCharacter(text)).toBeUndefined();
      }),
    );
  });

  it('when one NUL or lone surrogate is placed inside well-formed text, then it is found where it is', () => {
    fc.assert(
      fc.property(storable(), unstorable, storable(), (before, bad, after) => {
        const found = unstorableCharacter(before + bad + after);
        expect(found?.index).toBe(before.length);
        expect(found?.message).toMatch(
          /^contains (a NUL character|an unpaired UTF-16 surrogate) \(U\+[0-9A-F]{4}\) at position \d+; /,
        );
      }),
    );
  });

  it('when strings of any code units are checked, then the verdict agrees with a UTF-8 round trip and the NUL test', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        // UTF-8 encoding replaces an unpaired surrogate with U+FFFD, so only well-formed text survives.
        const wellFormed = Buffer.from(text, 'utf8').toString('utf8') === text;
        const storableByDefinition = wellFormed && !text.includes('\u0000');
        expect(unstorableCharacter(text) === undefined).toBe(storableByDefinition);
      }),
    );
  });
});

describe('findUnstorableText', () => {
  it.each([
    [{ a: 1, b: ['ok', { c: 'x\u0000' }] }, 'b.1.c'],
    [['fine', '\ud800'], '1'],
    [{ ['k\u0000']: 'v' }, 'k\u0000'],
    [{ n: 5, buf: Buffer.from([0]), ok: 'yes' }, undefined],
  ])('when the value is %j, then the path found is %j', (value, path) => {
    expect(findUnstorableText(value)?.path.join('.')).toBe(path);
  });
});
