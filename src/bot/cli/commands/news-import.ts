import { parseArgs } from 'node:util';
import { importNews } from '../../../market/news/index.js';
import type { CliCommand } from './types.js';

const SHOWN = 20;

export const newsImport: CliCommand = {
  path: ['news', 'import'],
  usage: 'buddy news import FILE|URL [--symbol S]...',
  description:
    'Import headlines from an RSS/Atom feed or a JSON file (path or http(s) URL), scored with the AFINN financial-news word list. Symbols come from the feed, from tickers named in the headline, and from --symbol.',
  async run(app, args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { symbol: { type: 'string', multiple: true } },
    });
    if (positionals.length === 0) {
      io.err(`Give at least one feed or JSON file.\nUsage: ${this.usage}`);
      return 2;
    }
    const knownSymbols = (await app.services.market.listTickers()).map((t) => t.symbol);
    let failed = 0;
    for (const source of positionals) {
      try {
        const report = await importNews(app.services.agents.news, source, {
          knownSymbols,
          symbols: values.symbol,
        });
        io.out(
          `${source}: ${report.format}, ${report.read} headline${report.read === 1 ? '' : 's'} read, ${report.added} new, ${report.duplicates} already stored`,
        );
        if (report.untagged > 0)
          io.out(
            `${source}: ${report.untagged} stored without a symbol (no known ticker in the feed or the headline; use --symbol)`,
          );
        if (report.skipped.length > 0) {
          io.out(
            `${source}: skipped ${report.skipped.length} entr${report.skipped.length === 1 ? 'y' : 'ies'}:`,
          );
          for (const entry of report.skipped.slice(0, SHOWN))
            io.out(`  entry ${entry.entry}: ${entry.reason}`);
          if (report.skipped.length > SHOWN) io.out(`  ... and ${report.skipped.length - SHOWN} more`);
        }
      } catch (error) {
        failed++;
        io.err(`${source}: not imported: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
