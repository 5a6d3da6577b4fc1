import type { InteractionEditReplyOptions } from 'discord.js';
import { renderDiscord } from '../render/discord.js';
import type { Reply } from '../types.js';

/** A Reply as the options discord.js sends when it edits the deferred answer. */
export function editOptions(reply: Reply): InteractionEditReplyOptions {
  const message = renderDiscord(reply);
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    files: message.files.map((f) => ({ attachment: f.path, name: f.name })),
    allowedMentions: { parse: [] },
  };
}
