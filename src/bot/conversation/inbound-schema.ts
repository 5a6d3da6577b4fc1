import { z } from 'zod';

const MAX_TEXT = 4_000;

/** The neutral inbound message, checked before anything is stored. */
export const InboundSchema = z
  .object({
    platform: z.enum(['cli', 'http', 'slack', 'discord']),
    workspace: z.string().min(1).max(200),
    channel: z.string().min(1).max(200),
    thread: z.string().max(200),
    user: z.string().min(1).max(200),
    userName: z.string().max(200).optional(),
    text: z.string().max(MAX_TEXT, `messages are limited to ${MAX_TEXT} characters`),
    command: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/i, 'a command name like "evaluate"')
      .optional(),
    action: z.object({ id: z.string().min(1).max(100), value: z.string().max(2_000) }).optional(),
    deliveryId: z.string().min(1).max(200).optional(),
    accountId: z.string().min(1).max(200).optional(),
  })
  .strict();
