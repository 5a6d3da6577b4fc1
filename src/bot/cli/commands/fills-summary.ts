import { fmtQty, money, type FillImportResult, type ParsedFills } from '../../../trading/index.js';
import type { CliIo } from './types.js';

const SHOWN = 20;

/**
 * What an import of broker fills did: counts, the rows left out with their reasons (`unit`
 * names how rows are counted: line, trade, activity) and the trades it touched.
 */
export function printFillImport(
  io: CliIo,
  label: string,
  unit: string,
  parsed: Pick<ParsedFills, 'rows' | 'skipped'>,
  result: FillImportResult,
): void {
  io.out(
    `${label}: ${parsed.rows} rows, ${result.added} fills added, ${result.duplicates} already imported, ${result.opened} trades opened (${result.linked} linked to an evaluated idea), ${result.closed} closed`,
  );
  const bad = [...parsed.skipped, ...result.refused].sort((a, b) => a.line - b.line);
  if (bad.length > 0) {
    io.out(`${label}: skipped ${bad.length} row${bad.length === 1 ? '' : 's'}:`);
    for (const row of bad.slice(0, SHOWN)) io.out(`  ${unit} ${row.line}: ${row.reason}`);
    if (bad.length > SHOWN) io.out(`  ... and ${bad.length - SHOWN} more`);
  }
  for (const t of result.trades.slice(0, SHOWN)) {
    const state =
      t.status === 'closed'
        ? `closed ${money(t.pnl)}${t.pnlR !== null ? ` (${t.pnlR.toFixed(2)}R)` : ''}`
        : `open ${fmtQty(t.openQty)} @ ${t.avgEntry.toFixed(2)}`;
    io.out(`  ${t.symbol} ${t.side} ${fmtQty(t.qty)}: ${state}`);
  }
  if (result.trades.length > SHOWN) io.out(`  ... and ${result.trades.length - SHOWN} more trades`);
}

/** The trader a CLI import writes for: the terminal chat's identity unless --user names another. */
export function cliUserId(name: string): string {
  return name.includes(':') ? name : `cli:local:${name}`;
}
