import type { Logger } from 'pino';
import type { Conversation } from '../conversation/index.js';
import type { BotServices } from '../services.js';

/** What the HTTP server and its route files are given. */
export interface HttpDeps {
  conversation: Conversation;
  services: BotServices;
  logger: Logger;
  databaseKind: string;
}
