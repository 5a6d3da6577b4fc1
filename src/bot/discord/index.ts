export { createDiscordBot, type DiscordBot, type DiscordBotOptions } from './client.js';
export { discordCommandData } from './command-data.js';
export { createInteractionHandler, type InteractionDeps } from './interactions.js';
export { editOptions } from './payload.js';
export { registerDiscordCommands, type RegisterOptions } from './register.js';
