import { createEventRepository } from '../../../db/index.js';
import { AppError } from '../../../errors.js';
import { importEventsFile } from '../../../market/events/index.js';
import type { CliCommand } from './types.js';

export const eventsImport: CliCommand = {
  path: ['events', 'import'],
  usage: 'buddy events import FILE.csv',
  description:
    'Import an earnings and macro calendar: symbol,date,kind[,note] (kind earnings or dividend with a symbol; fomc, cpi, nfp, ppi, gdp, pce, ecb, boe with an empty symbol: they apply to every symbol). A file with a bad row is refused whole; importing it again adds nothing.',
  async run(app, args, io) {
    if (args.length !== 1 || args[0]?.startsWith('-')) {
      io.err(`Give one CSV file.\nUsage: ${this.usage}`);
      return 2;
    }
    const file = args[0] as string;
    try {
      const report = await importEventsFile(createEventRepository(app.database.db), file);
      io.out(
        `${file}: ${report.read} event${report.read === 1 ? '' : 's'} read (${report.symbols.length} symbol${report.symbols.length === 1 ? '' : 's'}, ${report.macro} macro), ${report.added} new, ${report.alreadyStored} already stored`,
      );
      return 0;
    } catch (error) {
      io.err(error instanceof AppError ? error.userMessage : `${file}: not imported.`);
      if (!(error instanceof AppError)) throw error;
      return 1;
    }
  },
};
