import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMAND_LIST, type Command } from '../commands/index.js';
import { truncate } from '../render/text-limits.js';

/** Discord's limits for command names, descriptions and choices. */
const DESCRIPTION_MAX = 100;

/** The slash commands as Discord's REST API registers them, built from the one neutral list. */
export function discordCommandData(
  commands: readonly Command[] = COMMAND_LIST,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => ({
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: truncate(command.description, DESCRIPTION_MAX, '…'),
    // Discord requires required options first; keep the list's order otherwise.
    options: [...command.options]
      .sort((a, b) => Number(b.required) - Number(a.required))
      .map((option) =>
        option.type === 'integer'
          ? {
              type: ApplicationCommandOptionType.Integer as const,
              name: option.name,
              description: truncate(option.description, DESCRIPTION_MAX, '…'),
              required: option.required,
            }
          : {
              type: ApplicationCommandOptionType.String as const,
              name: option.name,
              description: truncate(option.description, DESCRIPTION_MAX, '…'),
              required: option.required,
              ...(option.choices ? { choices: option.choices.map((c) => ({ name: c, value: c })) } : {}),
              ...(option.maxLength ? { max_length: option.maxLength } : {}),
            },
      ),
  }));
}
