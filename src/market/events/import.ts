import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { EventRepository } from '../../db/index.js';
import { userError } from '../../errors.js';
import { parseEventsCsv } from './csv.js';

export interface EventImportReport {
  read: number;
  added: number;
  alreadyStored: number;
  symbols: string[];
  macro: number;
}

const SHOWN_ERRORS = 20;

/**
 * Imports an events calendar. A file with any bad row is refused whole, every bad row named by
 * its line: a calendar with a hole would silently miss the event that matters. Importing the
 * same file again adds nothing.
 */
export async function importEventsCsv(
  repo: Pick<EventRepository, 'insertMany'>,
  text: string,
  source: string,
): Promise<EventImportReport> {
  let parsed: ReturnType<typeof parseEventsCsv>;
  try {
    parsed = parseEventsCsv(text);
  } catch (error) {
    throw userError('events-file', `${source}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (parsed.errors.length > 0) {
    const lines = parsed.errors.slice(0, SHOWN_ERRORS).map((e) => `line ${e.line}: ${e.reason}`);
    const more =
      parsed.errors.length > SHOWN_ERRORS ? `; and ${parsed.errors.length - SHOWN_ERRORS} more` : '';
    throw userError(
      'events-rows',
      `${source}: nothing imported, ${parsed.errors.length} bad row${parsed.errors.length === 1 ? '' : 's'}: ${lines.join('; ')}${more}.`,
      { errors: parsed.errors.length },
    );
  }
  if (parsed.rows.length === 0) throw userError('events-file', `${source}: no events after the header.`);
  const added = await repo.insertMany(
    parsed.rows.map(({ line: _line, ...e }) => ({ ...e, importedFrom: basename(source) })),
  );
  const symbols = [...new Set(parsed.rows.flatMap((r) => (r.symbol ? [r.symbol] : [])))].sort();
  return {
    read: parsed.rows.length,
    added,
    alreadyStored: parsed.rows.length - added,
    symbols,
    macro: parsed.rows.filter((r) => r.symbol === null).length,
  };
}

export async function importEventsFile(
  repo: Pick<EventRepository, 'insertMany'>,
  path: string,
): Promise<EventImportReport> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw userError(
      'events-file',
      `${path}: cannot read the file (${(error as { code?: string }).code ?? 'error'}).`,
    );
  });
  return importEventsCsv(repo, text, path);
}
