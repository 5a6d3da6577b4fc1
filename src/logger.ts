import { pino, type Logger } from 'pino';
import { SECRET_KEYS } from './config.js';

/** Paths pino blanks out wherever they appear in a logged object. */
const REDACT = [
  ...SECRET_KEYS.map((k) => `*.${k}`),
  '*.apiKey',
  '*.token',
  '*.authorization',
  '*.Authorization',
  '*.password',
  '*.secret',
  '*.signingSecret',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
];

export function createLogger(options: { level: string; destination?: string }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT, censor: '[redacted]' },
      base: { service: 'trading-buddy' },
    },
    options.destination
      ? pino.destination({ dest: options.destination, mkdir: true, sync: false })
      : undefined,
  );
}
