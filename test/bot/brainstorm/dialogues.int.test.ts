import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';
import { CORRECTIONS } from './dialogues-corrections.js';
import { SHAPING } from './dialogues-shaping.js';
import { factsFor, play, type FactsOf } from './harness.js';

const DIALOGUES = [...SHAPING, ...CORRECTIONS];

describe.each(BACKENDS)('brainstorm dialogues through the conversation core on $name', (backend) => {
  let app: App;
  let facts: FactsOf;
  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    facts = await factsFor(app, ['TCHA', 'SPX', 'FINA']);
  }, 60_000);
  afterAll(async () => app.close());

  it('when the script is counted, then it holds at least 30 multi-turn dialogues', () => {
    expect(DIALOGUES.length).toBeGreaterThanOrEqual(30);
    expect(DIALOGUES.filter((d) => d.turns.length > 1).length).toBeGreaterThanOrEqual(30);
  });

  it.each(DIALOGUES.map((d, i) => [d.name, i] as const))(
    'when %s, then every turn asks and holds what the script says',
    async (_name, i) => {
      const dialogue = DIALOGUES[i];
      if (!dialogue) throw new Error('no dialogue');
      await play(app, facts, dialogue, `trader${i}`);
    },
    30_000,
  );
});
