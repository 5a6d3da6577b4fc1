import { describe } from 'vitest';
import { createKnowledgeRepository } from '../../src/db/index.js';
import { createEmbeddedStore } from '../../src/rag/index.js';
import { BACKENDS } from '../helpers/databases.js';
import { knowledgeStoreContract } from './store-contract.js';

describe.each(BACKENDS)('embedded store on $name', (backend) => {
  knowledgeStoreContract(`embedded (${backend.name})`, async () => {
    const database = await backend.open();
    const repository = createKnowledgeRepository(database.db);
    return {
      store: createEmbeddedStore({ repository }),
      reopen: async () => createEmbeddedStore({ repository }),
      close: () => database.close(),
    };
  });
});
