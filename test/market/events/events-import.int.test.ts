import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventRepository, type Database } from '../../../src/db/index.js';
import { importEventsCsv } from '../../../src/market/events/index.js';
import { BACKENDS } from '../../helpers/databases.js';

const GOOD =
  'symbol,date,kind,note\nTCHA,2020-04-24,earnings,Q1\n,2020-04-29,fomc,\nFINA,2020-05-01,earnings,\n';

describe.each(BACKENDS)('events import on $name', (backend) => {
  let database: Database;
  let repo: ReturnType<typeof createEventRepository>;

  beforeAll(async () => {
    database = await backend.open();
    repo = createEventRepository(database.db);
  }, 60_000);
  afterAll(async () => database.close());

  it('when a calendar is imported twice, then the events are stored once and the symbol reads its own and the macro ones', async () => {
    const first = await importEventsCsv(repo, GOOD, 'calendar.csv');
    expect(first).toEqual({ read: 3, added: 3, alreadyStored: 0, symbols: ['FINA', 'TCHA'], macro: 1 });
    const again = await importEventsCsv(repo, GOOD, 'calendar.csv');
    expect(again).toMatchObject({ read: 3, added: 0, alreadyStored: 3 });
    expect(await repo.count()).toBe(3);
    const tcha = await repo.between('TCHA', '2020-04-17', '2020-05-31');
    expect(tcha.map((e) => [e.symbol, e.date, e.kind])).toEqual([
      ['TCHA', '2020-04-24', 'earnings'],
      [null, '2020-04-29', 'fomc'],
    ]);
    expect(await repo.between('TCHA', '2020-04-24', '2020-04-28')).toEqual([]);
  });

  it.each([
    [
      'symbol,date,kind\nTCHB,2020-04-24,earnings\nTCHB,2020-13-01,earnings\n',
      'nothing imported, 1 bad row: line 3: date "2020-13-01"',
    ],
    ['sym,when\nTCHB,2020-04-24\n', 'the header has no symbol, date, kind columns'],
    ['symbol,date,kind\n', 'no events after the header'],
  ])('when the file is %j, then it is refused (%s) and nothing is written', async (text, message) => {
    const before = await repo.count();
    await expect(importEventsCsv(repo, text, 'bad.csv')).rejects.toThrow(message);
    expect(await repo.count()).toBe(before);
  });
});
