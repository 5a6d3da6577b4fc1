import { parseArgs } from 'node:util';
import { createFinnhubService } from '../../../market/providers/index.js';
import type { CliCommand } from './types.js';

const SHOWN = 20;

export const newsFetch: CliCommand = {
  path: ['news', 'fetch'],
  usage: 'buddy news fetch [--symbol S]...',
  description:
    'Fetch recent company news and fundamentals from Finnhub (FINNHUB_API_KEY) for the given symbols, or for the watched ones (open trades, ideas of the last 14 days). Headlines are scored and deduplicated as an import is; fundamentals go onto symbols with bars.',
  async run(app, args, io) {
    const { values } = parseArgs({ args, options: { symbol: { type: 'string', multiple: true } } });
    const settings = app.config.providers.finnhub;
    if (!settings) {
      io.err('Finnhub is not configured: set FINNHUB_API_KEY (see .env.example).');
      return 2;
    }
    const bad = (values.symbol ?? []).filter((s) => !/^[A-Za-z0-9.^=-]{1,15}$/.test(s));
    if (bad.length > 0) {
      io.err(`--symbol ${bad.map((s) => `"${s}"`).join(', ')}: not a ticker (letters, digits, . ^ = -).`);
      return 2;
    }
    const service = createFinnhubService(app.database.db, settings);
    const report = await service.sync({ symbols: values.symbol });
    if (report.symbols.length === 0) {
      io.out('finnhub: no watched symbols (no open trades or recent ideas); name some with --symbol.');
      return 0;
    }
    io.out(
      `finnhub: ${report.symbols.length} symbols, ${report.newsRead} headlines read, ${report.newsAdded} added, ${report.newsDuplicates} already stored, ${report.newsSkipped} unreadable; fundamentals updated for ${report.fundamentalsUpdated.length} (${report.fundamentalsUpdated.join(', ') || 'none'})`,
    );
    for (const f of report.failed.slice(0, SHOWN)) io.out(`  ${f.symbol} ${f.part}: ${f.error}`);
    if (report.failed.length > SHOWN) io.out(`  ... and ${report.failed.length - SHOWN} more`);
    return report.failed.length > 0 &&
      new Set(report.failed.map((f) => f.symbol)).size === report.symbols.length
      ? 1
      : 0;
  },
};
