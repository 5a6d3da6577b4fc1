import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  canonicalTimeZone,
  FILLS_CSV_FORMAT,
  FILLS_FORMATS,
  isFillsFormat,
  parseFillsFile,
} from '../../../trading/index.js';
import { cliUserId, printFillImport } from './fills-summary.js';
import type { CliCommand } from './types.js';

export const tradesImport: CliCommand = {
  path: ['trades', 'import'],
  usage: `buddy trades import FILE [--user NAME] [--tz America/New_York] [--format ${FILLS_FORMATS.join('|')}]`,
  description: `Import broker fills into trades and positions: a CSV (${FILLS_CSV_FORMAT}), an Interactive Brokers Flex Query (XML) or activity statement (CSV), detected from the content. New trades are linked to the idea evaluated before them. Bad rows are listed; re-importing a file adds nothing twice.`,
  async run(app, args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { user: { type: 'string' }, tz: { type: 'string' }, format: { type: 'string' } },
    });
    if (positionals.length === 0) {
      io.err(`Give at least one CSV file.\nUsage: ${this.usage}`);
      return 2;
    }
    const format = values.format;
    if (format !== undefined && !isFillsFormat(format)) {
      io.err(`--format "${format}" is not one of ${FILLS_FORMATS.join(', ')}.`);
      return 2;
    }
    const timeZone = values.tz === undefined ? undefined : canonicalTimeZone(values.tz);
    if (values.tz !== undefined && !timeZone) {
      io.err(`--tz "${values.tz}" is not an IANA time zone (e.g. America/New_York, Europe/London, UTC).`);
      return 2;
    }
    // The same identity the terminal chat uses, so imported trades show up in `/trade list` there.
    const name = values.user ?? app.config.cli.user;
    const userId = cliUserId(name);
    await app.services.users.ensureUser({ userId, platform: userId.split(':')[0] ?? 'cli' });
    let failed = 0;
    for (const file of positionals) {
      try {
        const parsed = parseFillsFile(await readFile(file, 'utf8'), { format, timeZone });
        const result = await app.services.trading.importFills(userId, parsed.fills);
        // A Flex Query has no meaningful lines: its rows are counted by Trade element.
        const unit = parsed.format === 'ibkr-flex' ? 'trade' : 'line';
        printFillImport(io, `${file} (${parsed.format})`, unit, parsed, result);
      } catch (error) {
        failed++;
        io.err(`${file}: not imported: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
