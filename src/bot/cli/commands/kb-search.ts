import { parseArgs } from 'node:util';
import { DOMAINS, isDomain, snippet } from '../../../rag/index.js';
import type { CliCommand } from './types.js';

export const kbSearch: CliCommand = {
  path: ['kb', 'search'],
  usage: 'buddy kb search "query" [--domain risk] [-k 5]',
  description:
    'Hybrid search of the knowledge base: score, domain, document > heading and a snippet per hit.',
  async run(app, args, io) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: { domain: { type: 'string', short: 'd' }, k: { type: 'string', short: 'k', default: '5' } },
      });
    } catch (error) {
      io.err(`${error instanceof Error ? error.message : 'bad arguments'}\nUsage: ${this.usage}`);
      return 2;
    }
    const { values, positionals } = parsed;
    const query = positionals.join(' ').trim();
    const k = Number(values.k);
    if (!query || !Number.isInteger(k) || k < 1 || k > 50) {
      io.err(`Give a query, and -k between 1 and 50.\nUsage: ${this.usage}`);
      return 2;
    }
    const domain = values.domain;
    if (domain !== undefined && !isDomain(domain)) {
      io.err(`Unknown domain "${domain}". Domains: ${DOMAINS.join(', ')}`);
      return 2;
    }
    const hits = await app.knowledge.retriever.retrieve(query, { k, ...(domain ? { domain } : {}) });
    if (hits.length === 0) {
      io.out('No match. Is the knowledge base indexed? (`buddy kb stats`)');
      return 0;
    }
    hits.forEach((hit, i) => {
      io.out(`${i + 1}. ${hit.score.toFixed(4)}  ${hit.domain.padEnd(11)} ${hit.docPath} > ${hit.heading}`);
      io.out(`   ${snippet(hit.text, query)}`);
    });
    return 0;
  },
};
