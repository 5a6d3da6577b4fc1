import { buildApp } from './app.js';
import { findCommand, usage } from './bot/cli/commands/index.js';
import { ConfigError, loadConfig } from './config.js';
import { describeHolder, lockDatabaseDir } from './db/index.js';
import { createLogger } from './logger.js';

/** `buddy <command>`: operator commands against the same database the service uses. */
async function cli(argv: string[]): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`${argv.length ? `Unknown command: ${argv.join(' ')}\n` : ''}${usage()}\n`);
    return argv.length ? 2 : 0;
  }
  const config = loadConfig();
  const logger = createLogger({ level: 'warn' });
  // Beside a running server on the same PGlite directory, wait for it rather than corrupt it.
  const lock = await lockDatabaseDir(config.database, {
    role: `buddy ${found.command.path.join(' ')}`,
    waitMs: config.dataDirLockWaitMs,
    onWait: (holder) =>
      process.stderr.write(
        `Waiting for the data directory lock held by ${describeHolder(holder)}… ` +
          `(up to ${config.dataDirLockWaitMs / 1000} s, DATA_DIR_LOCK_WAIT_SECONDS)\n`,
      ),
  });
  const app = await buildApp(config, logger).catch(async (error: unknown) => {
    await lock.release();
    throw error;
  });
  try {
    return await found.command.run(app, found.args, {
      out: (t) => process.stdout.write(`${t}\n`),
      err: (t) => process.stderr.write(`${t}\n`),
    });
  } finally {
    await app.close();
    await lock.release();
  }
}

cli(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `buddy: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
