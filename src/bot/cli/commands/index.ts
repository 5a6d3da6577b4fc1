import { audit } from './audit.js';
import { dataImport } from './data-import.js';
import { evaluate } from './evaluate.js';
import { eventsImport } from './events-import.js';
import { fundamentalsImport } from './fundamentals-import.js';
import { kbIndex } from './kb-index.js';
import { kbSearch } from './kb-search.js';
import { kbStats } from './kb-stats.js';
import { newsFetch } from './news-fetch.js';
import { newsImport } from './news-import.js';
import { tokenCreate, tokenList, tokenRevoke } from './token.js';
import { tradesImport } from './trades-import.js';
import { tradesSync } from './trades-sync.js';
import type { CliCommand } from './types.js';
import { userDelete, userExport, userRole, userShare } from './user.js';

/** Every `buddy` sub-command, in one explicit list. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  dataImport,
  evaluate,
  kbIndex,
  kbStats,
  kbSearch,
  audit,
  tradesImport,
  tradesSync,
  fundamentalsImport,
  newsImport,
  eventsImport,
  newsFetch,
  tokenCreate,
  tokenList,
  tokenRevoke,
  userRole,
  userShare,
  userExport,
  userDelete,
];

export function findCommand(argv: string[]): { command: CliCommand; args: string[] } | undefined {
  const matches = CLI_COMMANDS.filter((c) => c.path.every((word, i) => argv[i] === word)).sort(
    (a, b) => b.path.length - a.path.length,
  );
  const command = matches[0];
  return command ? { command, args: argv.slice(command.path.length) } : undefined;
}

export function usage(): string {
  return [
    'Usage:',
    ...CLI_COMMANDS.map((c) => `  ${c.usage}\n      ${c.description}`),
    '  npm start   (terminal chat + HTTP API)',
  ].join('\n');
}

export type { CliCommand, CliIo } from './types.js';
