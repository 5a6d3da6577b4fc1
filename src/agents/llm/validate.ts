import { createHash } from 'node:crypto';
import { z } from 'zod';

export type JsonSchemaObject = { type: 'object'; [key: string]: unknown };

/**
 * The JSON Schema a model is asked to fill. `io: 'input'` because the model writes what the
 * schema parses (fields with defaults are optional to it). Throws on a schema JSON cannot
 * express (dates, transforms): a programming error, caught by the first test that uses it.
 */
export function toJsonSchema(schema: z.ZodType): JsonSchemaObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  if (rest['type'] !== 'object') {
    throw new TypeError('A structured LLM answer must be a JSON object; wrap the schema in z.object().');
  }
  return { ...rest, type: 'object' };
}

export function promptHash(system: string, user: string, jsonSchema: JsonSchemaObject): string {
  return createHash('sha256')
    .update(system)
    .update('\u0000')
    .update(user)
    .update('\u0000')
    .update(JSON.stringify(jsonSchema))
    .digest('hex');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Paths present in what the model sent but absent from what the schema kept. */
export function extraFields(sent: unknown, kept: unknown, path = ''): string[] {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    return sent.flatMap((item, i) => extraFields(item, kept[i], `${path}[${i}]`));
  }
  if (!isPlainObject(sent) || !isPlainObject(kept)) return [];
  return Object.keys(sent).flatMap((key) => {
    const at = path === '' ? key : `${path}.${key}`;
    return key in kept ? extraFields(sent[key], kept[key], at) : [at];
  });
}

export type Validation<T> = { ok: true; value: T; extraFields: string[] } | { ok: false; problems: string };

export function validateOutput<T>(schema: z.ZodType<T>, candidate: unknown): Validation<T> {
  const parsed = schema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: z.prettifyError(parsed.error) };
  return { ok: true, value: parsed.data, extraFields: extraFields(candidate, parsed.data) };
}
