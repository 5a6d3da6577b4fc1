import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isAppError } from '../../../errors.js';
import type { CliIo } from './types.js';

/** node:util's parseArgs with the command's usage instead of a stack trace; undefined = exit 2. */
export function parseFlags(
  args: string[],
  options: ParseArgsConfig['options'],
  io: CliIo,
  usage: string,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | undefined {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : 'Invalid arguments'}\nUsage: ${usage}`);
    return undefined;
  }
}

/** Runs a command body; a user error (unknown user, bad value) prints its message and exits 1. */
export async function withUserErrors(io: CliIo, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!isAppError(error) || error.category !== 'user') throw error;
    io.err(error.userMessage);
    return 1;
  }
}
