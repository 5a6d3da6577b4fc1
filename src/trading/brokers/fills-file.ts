import { parseFillsCsv, type ParsedFills } from '../fills-csv.js';
import { BrokerFileError } from './common.js';
import { isActivityStatement, parseActivityStatement } from './ibkr-activity-csv.js';
import { parseFlexQuery } from './ibkr-flex.js';

export const FILLS_FORMATS = ['csv', 'ibkr-flex', 'ibkr-activity'] as const;
export type FillsFormat = (typeof FILLS_FORMATS)[number];

/** The time zone a format's times are written in when the person importing names none. */
export const DEFAULT_TIME_ZONE: Record<FillsFormat, string> = {
  csv: 'UTC',
  // IBKR statements report in the account's zone, US/Eastern unless changed.
  'ibkr-flex': 'America/New_York',
  'ibkr-activity': 'America/New_York',
};

/** XML is a Flex Query; a CSV whose rows start with IBKR section names is an activity statement. */
export function detectFillsFormat(text: string): FillsFormat {
  if (
    text
      .trimStart()
      .replace(/^\uFEFF/, '')
      .startsWith('<')
  )
    return 'ibkr-flex';
  return isActivityStatement(text) ? 'ibkr-activity' : 'csv';
}

export function isFillsFormat(value: string): value is FillsFormat {
  return (FILLS_FORMATS as readonly string[]).includes(value);
}

/** Parses a fills file in the given (or detected) format; a file that cannot be read throws. */
export function parseFillsFile(
  text: string,
  options: { format?: FillsFormat | undefined; timeZone?: string | undefined } = {},
): ParsedFills & { format: FillsFormat } {
  if (text.trim() === '') throw new BrokerFileError('the file is empty');
  const format = options.format ?? detectFillsFormat(text);
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE[format];
  const parsed =
    format === 'ibkr-flex'
      ? parseFlexQuery(text, { timeZone })
      : format === 'ibkr-activity'
        ? parseActivityStatement(text, { timeZone })
        : parseFillsCsv(text, { timeZone });
  return { ...parsed, format };
}
