import { DOMAINS } from '../../../rag/index.js';
import type { CliCommand } from './types.js';

export const kbIndex: CliCommand = {
  path: ['kb', 'index'],
  usage: 'buddy kb index',
  description: 'Index the knowledge folders (incremental: unchanged files are skipped). Exits 1 when a file was skipped as invalid.',
  async run(app, _args, io) {
    const { knowledge } = app;
    const report = await knowledge.index();
    io.out(`Knowledge indexed in ${(report.durationMs / 1000).toFixed(1)} s (store ${knowledge.store.kind}, embedder ${report.embedder})${report.reembedded ? ': embedder changed, everything re-embedded' : ''}`);
    io.out(`  chunks: ${DOMAINS.map((d) => `${d} ${report.domains[d]}`).join(', ')}`);
    const { added, updated, removed, unchanged } = report.documents;
    io.out(`  documents: ${added} added, ${updated} updated, ${removed} removed, ${unchanged} unchanged (chunks written ${report.chunks.written}, removed ${report.chunks.removed})`);
    if (report.skipped.length > 0) {
      io.err(`Skipped ${report.skipped.length} file${report.skipped.length === 1 ? '' : 's'}:`);
      for (const problem of report.skipped) io.err(`  ${problem.path}: ${problem.reason}`);
      return 1;
    }
    return 0;
  },
};
