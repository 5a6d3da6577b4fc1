import { DOMAINS } from '../../../rag/index.js';
import type { CliCommand } from './types.js';

export const kbStats: CliCommand = {
  path: ['kb', 'stats'],
  usage: 'buddy kb stats',
  description:
    'Show documents and chunks per knowledge domain, the store and the embedder of the stored vectors.',
  async run(app, _args, io) {
    const { knowledge } = app;
    const stats = await knowledge.store.stats();
    io.out(
      `Store: ${stats.kind}; embedder configured: ${knowledge.embeddings.id}; vectors made by: ${stats.embedders.join(', ') || 'none yet'}`,
    );
    for (const domain of DOMAINS) {
      const d = stats.domains[domain];
      io.out(
        `  ${domain.padEnd(12)} ${String(d.documents).padStart(4)} documents ${String(d.chunks).padStart(6)} chunks`,
      );
    }
    const stale = stats.embedders.some((e) => e !== knowledge.embeddings.id);
    if (stale) io.out('Vectors from another embedder are stored: `buddy kb index` re-embeds them.');
    return 0;
  },
};
