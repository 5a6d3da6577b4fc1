// npm run discord:register — registers the slash commands with Discord through REST: in the guild
// DISCORD_GUILD_ID when set (instant), otherwise globally. DISCORD_API_URL points at another API base.
import { registerDiscordCommands } from '../src/bot/discord/index.js';
import { ConfigError, loadConfig } from '../src/config.js';

try {
  const { env } = loadConfig();
  if (!env.DISCORD_TOKEN || !env.DISCORD_APPLICATION_ID) {
    process.stderr.write(
      'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID for one server) first. See .env.example.\n',
    );
    process.exit(2);
  }
  const result = await registerDiscordCommands({
    token: env.DISCORD_TOKEN,
    applicationId: env.DISCORD_APPLICATION_ID,
    guildId: env.DISCORD_GUILD_ID,
    apiUrl: env.DISCORD_API_URL,
  });
  const where =
    result.scope === 'guild'
      ? `in guild ${env.DISCORD_GUILD_ID}`
      : 'globally (they can take up to an hour to appear)';
  process.stdout.write(
    `Registered ${result.names.length} commands ${where}: ${result.names.map((n) => `/${n}`).join(' ')}\n`,
  );
} catch (error) {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `Registration failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
