import type { z } from 'zod';
import type { Command, CommandDefinition } from './types.js';

export function defineCommand<Schema extends z.ZodType<Record<string, unknown>>>(
  definition: CommandDefinition<Schema>,
): Command {
  const { schema, toText, ...rest } = definition;
  return {
    ...rest,
    textFromOptions(raw) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success)
        return {
          ok: false,
          problems: parsed.error.issues.map((i) => `${i.path.join('.') || definition.name}: ${i.message}`),
        };
      return { ok: true, text: toText(parsed.data).trim() };
    },
  };
}
