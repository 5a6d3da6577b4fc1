import { z } from 'zod';
import { refineStorable } from '../../db/index.js';

const MAX_TEXT = 4_000;

/** A string field Postgres can store: no NUL, no unpaired surrogate (src/db/storable-text.ts). */
const field = (min: number, max: number, tooLong?: string) =>
  z.string().min(min).max(max, tooLong).superRefine(refineStorable);

/** The neutral inbound message, checked before anything is stored. */
export const InboundSchema = z
  .object({
    platform: z.enum(['cli', 'http', 'slack', 'discord']),
    workspace: field(1, 200),
    channel: field(1, 200),
    thread: field(0, 200),
    user: field(1, 200),
    userName: field(0, 200).optional(),
    text: field(0, MAX_TEXT, `messages are limited to ${MAX_TEXT} characters`),
    command: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/i, 'a command name like "evaluate"')
      .superRefine(refineStorable)
      .optional(),
    action: z.object({ id: field(1, 100), value: field(0, 2_000) }).optional(),
    deliveryId: field(1, 200).optional(),
    accountId: field(1, 200).optional(),
  })
  .strict();
