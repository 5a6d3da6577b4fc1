import { parseArgs } from 'node:util';
import { importCsvFile } from '../../../market/data/index.js';
import type { CliCommand } from './types.js';

export const dataImport: CliCommand = {
  path: ['data', 'import'],
  usage: 'buddy data import FILE.csv [--symbol S] [--timeframe 1d]',
  description:
    'Import OHLCV bars from a CSV (date,open,high,low,close,volume[,Name]). Bad rows are skipped and listed; re-import adds nothing twice.',
  async run(app, args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { symbol: { type: 'string' }, timeframe: { type: 'string', default: '1d' } },
    });
    if (positionals.length === 0) {
      io.err(`Give at least one CSV file.\nUsage: ${this.usage}`);
      return 2;
    }
    let failed = 0;
    for (const file of positionals) {
      try {
        const report = await importCsvFile(app.services.market, file, {
          symbol: values.symbol,
          timeframe: values.timeframe,
        });
        for (const s of report.symbols)
          io.out(`${file}: ${s.symbol} ${report.timeframe}: ${s.parsed} bars read, ${s.added} new`);
        if (report.skipped.length > 0) {
          io.out(`${file}: skipped ${report.skipped.length} of ${report.rows} rows:`);
          for (const row of report.skipped.slice(0, 20)) io.out(`  line ${row.line}: ${row.reason}`);
          if (report.skipped.length > 20) io.out(`  ... and ${report.skipped.length - 20} more`);
        }
      } catch (error) {
        failed++;
        io.err(`${file}: not imported: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
