import { describe, it } from 'vitest';
import { createQdrantStore, DOMAINS } from '../../src/rag/index.js';
import { startFakeQdrant } from '../helpers/fake-qdrant-server.js';
import { knowledgeStoreContract } from './store-contract.js';

knowledgeStoreContract('qdrant (local fake of the REST API)', async () => {
  const server = await startFakeQdrant();
  return {
    store: createQdrantStore({ url: server.url }),
    reopen: async () => createQdrantStore({ url: server.url }),
    close: () => server.close(),
  };
});

const realUrl = process.env.QDRANT_URL;
if (realUrl) {
  const apiKey = process.env.QDRANT_API_KEY;
  // Own collections per run, dropped afterwards, so a shared server is left as it was.
  const collectionPrefix = `tb_test_${process.pid}_${Date.now().toString(36)}_`;
  const options = { url: realUrl, collectionPrefix, ...(apiKey ? { apiKey } : {}) };
  knowledgeStoreContract('qdrant (QDRANT_URL server)', async () => ({
    store: createQdrantStore(options),
    reopen: async () => createQdrantStore(options),
    close: () => createQdrantStore(options).clear(),
  }));
} else {
  describe('KnowledgeStore contract: qdrant (QDRANT_URL server)', () => {
    it.skip(`QDRANT_URL is not set: the real-server run is skipped (the local fake run above still covers the adapter; collections would be ${DOMAINS.length} per run)`, () => {});
  });
  console.info(
    'QDRANT_URL is not set: Qdrant-server contract tests are skipped (the fake-server run still happens).',
  );
}
