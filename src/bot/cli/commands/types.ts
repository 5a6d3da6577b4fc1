import type { App } from '../../app.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** One `buddy` sub-command. `run` returns the process exit code. */
export interface CliCommand {
  /** Words after `buddy`, e.g. ['data', 'import']. */
  path: string[];
  usage: string;
  description: string;
  run(app: App, args: string[], io: CliIo): Promise<number>;
}
