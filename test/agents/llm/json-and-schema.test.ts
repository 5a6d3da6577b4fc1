import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractJson, extraFields, toJsonSchema, validateOutput } from '../../../src/agents/llm/index.js';
import { Recommendation, VALID } from './fixture.js';

describe('extractJson', () => {
  it.each([
    ['bare JSON', '{"a": 1}', { a: 1 }],
    ['a fenced json block', 'Sure:\n```json\n{"a": 2}\n```', { a: 2 }],
    ['an unlabelled fence', '```\n{"a": 3}\n```', { a: 3 }],
    [
      'the second fence when the first is broken',
      '```json\n{"a": \n```\nthen\n```json\n{"a": 4}\n```',
      { a: 4 },
    ],
    ['an object in prose', 'I think {"a": 5} is right', { a: 5 }],
    ['braces inside strings', 'x {"a": "}{", "b": {"c": "\\"}"}} y', { a: '}{', b: { c: '"}' } }],
    ['a later object after an unbalanced brace', 'note { open then {"a": 6}', { a: 6 }],
  ])('when the text is %s, then the object is found', (_label, text, expected) => {
    expect(extractJson(text)).toEqual({ found: true, value: expected });
  });

  it.each([
    ['prose', 'Hold, probably.'],
    ['a cut-off object', '{"recommendation": "HO'],
    ['an empty string', ''],
  ])('when the text is %s, then nothing is found', (_label, text) => {
    expect(extractJson(text)).toEqual({ found: false });
  });
});

describe('toJsonSchema', () => {
  it('when given an object schema, then the JSON Schema lists properties and required keys without $schema', () => {
    const schema = toJsonSchema(Recommendation);
    expect(schema).not.toHaveProperty('$schema');
    expect(schema).toMatchObject({
      type: 'object',
      required: ['recommendation', 'confidence', 'reasoning', 'key_factors'],
    });
    expect(schema['properties']).toMatchObject({
      recommendation: { enum: ['BUY', 'SELL', 'HOLD'] },
      confidence: { minimum: 0, maximum: 100 },
    });
  });

  it('when a field has a default, then the model may omit it (input side of the schema)', () => {
    const schema = toJsonSchema(z.object({ a: z.string(), b: z.array(z.string()).default([]) }));
    expect(schema['required']).toEqual(['a']);
  });

  it.each([
    ['a non-object schema', z.array(z.string())],
    ['a schema JSON cannot express', z.object({ when: z.date() })],
  ])('when given %s, then it throws', (_label, schema) => {
    expect(() => toJsonSchema(schema)).toThrow();
  });
});

describe('validateOutput', () => {
  it('when nested objects carry unknown keys, then every extra path is reported and dropped', () => {
    const schema = z.object({ a: z.object({ b: z.number() }), list: z.array(z.object({ c: z.string() })) });
    const result = validateOutput(schema, { a: { b: 1, x: 2 }, list: [{ c: 'k', y: true }], z: null });
    expect(result).toEqual({
      ok: true,
      value: { a: { b: 1 }, list: [{ c: 'k' }] },
      extraFields: ['a.x', 'list[0].y', 'z'],
    });
  });

  it('when the value breaks the schema, then the problems name the paths', () => {
    const result = validateOutput(Recommendation, {
      ...VALID,
      confidence: 101,
      key_factors: ['a', 'b', 'c', 'd', 'e', 'f'],
    });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems).toMatch(/confidence[\s\S]*key_factors|key_factors[\s\S]*confidence/);
  });

  it('when given a primitive, then no extra fields are reported', () => {
    expect(extraFields('a', 'a')).toEqual([]);
  });
});
