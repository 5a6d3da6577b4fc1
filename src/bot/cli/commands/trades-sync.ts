import { parseArgs } from 'node:util';
import { createAlpacaSync } from '../../../trading/index.js';
import { cliUserId, printFillImport } from './fills-summary.js';
import type { CliCommand } from './types.js';

export const tradesSync: CliCommand = {
  path: ['trades', 'sync'],
  usage: 'buddy trades sync alpaca [--user NAME] [--since YYYY-MM-DD]',
  description:
    'Fetch the fills of the Alpaca account (ALPACA_API_KEY_ID/ALPACA_API_SECRET_KEY) into trades and positions, linked to the ideas evaluated before them; fills synced before are skipped.',
  async run(app, args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { user: { type: 'string' }, since: { type: 'string' } },
    });
    if (positionals.length !== 1 || positionals[0] !== 'alpaca') {
      io.err(`Name the broker to sync (alpaca is the one supported).\nUsage: ${this.usage}`);
      return 2;
    }
    const settings = app.config.providers.alpaca;
    if (!settings) {
      io.err('Alpaca is not configured: set ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY (see .env.example).');
      return 2;
    }
    const since = values.since === undefined ? undefined : new Date(`${values.since}T00:00:00Z`);
    if (since && (!/^\d{4}-\d{2}-\d{2}$/.test(values.since ?? '') || Number.isNaN(since.getTime()))) {
      io.err(`--since "${values.since}" is not a YYYY-MM-DD date.`);
      return 2;
    }
    const userId = cliUserId(values.user ?? app.config.cli.user);
    await app.services.users.ensureUser({ userId, platform: userId.split(':')[0] ?? 'cli' });
    try {
      const sync = createAlpacaSync({ settings, importFills: app.services.trading.importFills });
      const { parsed, result } = await sync(userId, since);
      printFillImport(
        io,
        `alpaca (${settings.paper && !settings.baseUrl ? 'paper' : 'account'})`,
        'activity',
        parsed,
        result,
      );
      return 0;
    } catch (error) {
      io.err(`alpaca: nothing synced: ${error instanceof Error ? error.message : 'unknown error'}`);
      return 1;
    }
  },
};
