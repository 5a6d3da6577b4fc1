import { DOMAINS, type IndexReport } from '../../../rag/index.js';
import type { CliCommand, CliIo } from './types.js';

function printDocuments(io: CliIo, label: string, report: IndexReport): void {
  const { added, updated, removed, unchanged } = report.documents;
  io.out(
    `  ${label}: ${added} added, ${updated} updated, ${removed} removed, ${unchanged} unchanged (chunks written ${report.chunks.written}, removed ${report.chunks.removed})`,
  );
}

export const kbIndex: CliCommand = {
  path: ['kb', 'index'],
  usage: 'buddy kb index',
  description:
    'Index the knowledge folders (incremental: unchanged files are skipped). Exits 1 when a file was skipped as invalid.',
  async run(app, _args, io) {
    const { knowledge } = app;
    // Every start syncs in the background; on a fresh store that sync does the real work.
    const startup = await knowledge.synced();
    const report = await knowledge.index();
    io.out(
      `Knowledge indexed (store ${knowledge.store.kind}, embedder ${report.embedder})${startup?.reembedded || report.reembedded ? ': embedder changed, everything re-embedded' : ''}`,
    );
    io.out(`  chunks: ${DOMAINS.map((d) => `${d} ${report.domains[d]}`).join(', ')}`);
    const startupChanges = startup
      ? startup.documents.added + startup.documents.updated + startup.documents.removed
      : 0;
    if (startup && startupChanges > 0)
      printDocuments(io, `documents at start-up (${(startup.durationMs / 1000).toFixed(1)} s)`, startup);
    printDocuments(io, `documents (${(report.durationMs / 1000).toFixed(1)} s)`, report);
    if (report.skipped.length > 0) {
      io.err(`Skipped ${report.skipped.length} file${report.skipped.length === 1 ? '' : 's'}:`);
      for (const problem of report.skipped) io.err(`  ${problem.path}: ${problem.reason}`);
      return 1;
    }
    return 0;
  },
};
