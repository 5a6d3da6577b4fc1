import type { Logger } from 'pino';
import type { Conversation } from '../conversation/index.js';
import type { BotServices } from '../services.js';
import type { SurfaceStatusProvider } from '../surface-status.js';

/** What the HTTP server and its route files are given. */
export interface HttpDeps {
  conversation: Conversation;
  services: BotServices;
  logger: Logger;
  databaseKind: string;
  /** Chat surfaces' connection states for GET /api/health (none when no surface is configured). */
  surfaces?: SurfaceStatusProvider | undefined;
}
