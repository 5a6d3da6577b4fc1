import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { canonicalTimeZone, FILLS_CSV_FORMAT, fmtQty, money, parseFillsCsv } from '../../../trading/index.js';
import type { CliCommand } from './types.js';

const SHOWN = 20;

export const tradesImport: CliCommand = {
  path: ['trades', 'import'],
  usage: 'buddy trades import FILE.csv [--user NAME] [--tz America/New_York]',
  description: `Import broker fills (${FILLS_CSV_FORMAT}) into trades and positions. Bad rows are listed by line; re-importing a file adds nothing twice.`,
  async run(app, args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { user: { type: 'string' }, tz: { type: 'string', default: 'UTC' } },
    });
    if (positionals.length === 0) {
      io.err(`Give at least one CSV file.\nUsage: ${this.usage}`);
      return 2;
    }
    const timeZone = canonicalTimeZone(values.tz);
    if (!timeZone) {
      io.err(`--tz "${values.tz}" is not an IANA time zone (e.g. America/New_York, Europe/London, UTC).`);
      return 2;
    }
    // The same identity the terminal chat uses, so imported trades show up in `/trade list` there.
    const name = values.user ?? app.config.cli.user;
    const userId = name.includes(':') ? name : `cli:local:${name}`;
    await app.services.users.ensureUser({ userId, platform: userId.split(':')[0] ?? 'cli' });
    let failed = 0;
    for (const file of positionals) {
      try {
        const parsed = parseFillsCsv(await readFile(file, 'utf8'), { timeZone });
        const result = await app.services.trading.importFills(userId, parsed.fills);
        io.out(
          `${file}: ${parsed.rows} rows, ${result.added} fills added, ${result.duplicates} already imported, ${result.opened} trades opened, ${result.closed} closed`,
        );
        const bad = [...parsed.skipped, ...result.refused].sort((a, b) => a.line - b.line);
        if (bad.length > 0) {
          io.out(`${file}: skipped ${bad.length} row${bad.length === 1 ? '' : 's'}:`);
          for (const row of bad.slice(0, SHOWN)) io.out(`  line ${row.line}: ${row.reason}`);
          if (bad.length > SHOWN) io.out(`  ... and ${bad.length - SHOWN} more`);
        }
        for (const t of result.trades.slice(0, SHOWN)) {
          const state =
            t.status === 'closed'
              ? `closed ${money(t.pnl)}${t.pnlR !== null ? ` (${t.pnlR.toFixed(2)}R)` : ''}`
              : `open ${fmtQty(t.openQty)} @ ${t.avgEntry.toFixed(2)}`;
          io.out(`  ${t.symbol} ${t.side} ${fmtQty(t.qty)}: ${state}`);
        }
        if (result.trades.length > SHOWN) io.out(`  ... and ${result.trades.length - SHOWN} more trades`);
      } catch (error) {
        failed++;
        io.err(`${file}: not imported: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
