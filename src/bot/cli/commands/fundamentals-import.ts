import { importFundamentalsFile } from '../../../market/fundamentals/index.js';
import type { CliCommand } from './types.js';

const SHOWN = 20;

export const fundamentalsImport: CliCommand = {
  path: ['fundamentals', 'import'],
  usage: 'buddy fundamentals import FILE.csv',
  description:
    'Import company fundamentals (symbol, market_cap, pe_ratio, forward_pe, eps_growth_pct, profit_margin_pct, debt_to_equity, dividend_yield_pct, as_of[, sector, industry, source]). Empty cells mean unknown; bad rows are listed by line.',
  async run(app, args, io) {
    if (args.length === 0) {
      io.err(`Give at least one CSV file.\nUsage: ${this.usage}`);
      return 2;
    }
    let failed = 0;
    for (const file of args) {
      try {
        const report = await importFundamentalsFile(app.services.agents.fundamentals, file);
        io.out(
          `${file}: ${report.updated} symbol${report.updated === 1 ? '' : 's'} updated from ${report.rows} row${report.rows === 1 ? '' : 's'}`,
        );
        if (report.skipped.length > 0) {
          io.out(`${file}: ${report.skipped.length} row${report.skipped.length === 1 ? '' : 's'} not used:`);
          for (const row of report.skipped.slice(0, SHOWN)) io.out(`  line ${row.line}: ${row.reason}`);
          if (report.skipped.length > SHOWN) io.out(`  ... and ${report.skipped.length - SHOWN} more`);
        }
      } catch (error) {
        failed++;
        io.err(`${file}: not imported: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
