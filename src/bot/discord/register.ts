import { REST, Routes } from 'discord.js';
import { discordCommandData } from './command-data.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Registers in one guild (instant) when set; otherwise globally (Discord may take up to an hour to show them). */
  guildId?: string | undefined;
  apiUrl?: string | undefined;
}

/** Replaces the application's slash commands with the neutral list (PUT: commands no longer defined are removed). */
export async function registerDiscordCommands(
  options: RegisterOptions,
): Promise<{ scope: 'guild' | 'global'; names: string[] }> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const saved = (await rest.put(route, { body: discordCommandData() })) as { name?: unknown }[];
  return { scope: options.guildId ? 'guild' : 'global', names: saved.map((c) => String(c.name)) };
}
