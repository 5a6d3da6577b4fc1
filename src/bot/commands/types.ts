import type { z } from 'zod';

/** One option of a slash command; Discord shows it as a typed field, Slack users type it as text. */
export interface CommandOption {
  name: string;
  description: string;
  type: 'string' | 'integer';
  required: boolean;
  choices?: readonly string[];
  maxLength?: number;
}

/**
 * A slash command, defined once for every surface. Slack passes the typed text through as is;
 * Discord's structured options are checked by `schema` and turned into that same text by
 * `toText`, so both reach the conversation core as `{ command: name, text }`.
 */
export interface CommandDefinition<
  Schema extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>,
> {
  name: string;
  description: string;
  usage: string;
  options: readonly CommandOption[];
  schema: Schema;
  toText(options: z.output<Schema>): string;
  /** Until a flow is registered under `name`: answer with another registered command, or say plainly it is not there yet. */
  whenMissing: { command: string } | { title: string; text: string };
}

/** A definition with its option types erased, so all of them fit one list. */
export interface Command {
  name: string;
  description: string;
  usage: string;
  options: readonly CommandOption[];
  whenMissing: CommandDefinition['whenMissing'];
  /** Structured options (Discord) -> the command's text, or what was wrong with them. */
  textFromOptions(
    raw: Record<string, unknown>,
  ): { ok: true; text: string } | { ok: false; problems: string[] };
}
