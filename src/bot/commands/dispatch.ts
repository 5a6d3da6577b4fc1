import type { Conversation } from '../conversation/index.js';
import { COMMANDS } from '../router.js';
import { textReply, type Inbound, type Reply } from '../types.js';
import { COMMANDS_BY_NAME } from './definitions.js';

/**
 * Runs a slash command through the conversation core. A command whose flow is not registered
 * yet answers with its `whenMissing` (another command, or a plain "not here yet") instead of
 * the router's generic help, so nobody is left guessing why /brainstorm showed the help page.
 */
export async function runCommand(
  conversation: Conversation,
  inbound: Inbound & { command: string },
  registered: Readonly<Record<string, unknown>> = COMMANDS,
): Promise<Reply> {
  const command = COMMANDS_BY_NAME.get(inbound.command);
  if (!command || Object.hasOwn(registered, command.name)) return conversation.handle(inbound);
  const missing = command.whenMissing;
  if ('command' in missing) {
    if (Object.hasOwn(registered, missing.command))
      return conversation.handle({ ...inbound, command: missing.command });
    return textReply(
      `/${command.name} is not available`,
      `This installation has no /${command.name} or /${missing.command} flow registered.`,
    );
  }
  return textReply(missing.title, missing.text);
}
