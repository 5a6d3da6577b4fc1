import fc from 'fast-check';

/** Text a database can store: any well-formed string without U+0000. */
export const storable = (maxLength = 10) =>
  fc.string({ unit: 'grapheme', maxLength }).map((s) => s.replaceAll('\u0000', ''));
/** One character a database cannot store: NUL, a lone high or a lone low surrogate. */
export const unstorable = fc.oneof(
  fc.constant('\u0000'),
  fc.integer({ min: 0xd800, max: 0xdbff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);
