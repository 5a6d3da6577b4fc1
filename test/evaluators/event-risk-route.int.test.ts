import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsImport } from '../../src/bot/cli/commands/events-import.js';
import type { App } from '../../src/app.js';
import type { Inbound, Reply } from '../../src/bot/types.js';
import { createEventRepository } from '../../src/db/index.js';
import { importEventsCsv } from '../../src/market/events/index.js';
import { buildTestApp } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';

const all = (reply: Reply) =>
  [
    reply.title,
    reply.text ?? '',
    ...reply.sections.map((s) => `${s.heading ?? ''}: ${s.text}`),
    ...reply.issues.map((i) => `${i.message} → ${i.mitigation ?? ''}`),
  ].join('\n');

describe.each(BACKENDS)('an idea crossing an imported earnings date, through chat on $name', (backend) => {
  let app: App;
  const chat = (user: string, text: string): Promise<Reply> =>
    app.conversation.handle({
      platform: 'slack',
      workspace: 'T1',
      channel: 'C1',
      thread: '',
      user,
      text,
    } satisfies Inbound);

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    // The demo bars end on 2020-04-17: earnings a week later are inside a daily idea's two weeks.
    await importEventsCsv(
      createEventRepository(app.database.db),
      'symbol,date,kind\nTCHB,2020-04-24,earnings\n',
      'earnings.csv',
    );
  }, 120_000);
  afterAll(async () => app.close());

  it('when the idea holds through the earnings, then the report names the event, its date and the mitigation', async () => {
    await chat('eve', 'long TCHB 100 stop 95 target 110');
    const details = all(await chat('eve', 'details'));
    expect(details).toContain(
      'TCHB earnings on 2020-04-24 falls inside the holding horizon (14 days to 2020-05-01, from the 1d timeframe)',
    );
    expect(details).toContain('exit before 2020-04-24 (a time stop of 4 bars or fewer)');
  });

  it('when the time stop ends before the earnings, then the report does not raise it', async () => {
    await chat('fay', 'long TCHB 100 stop 95 target 110 time stop 3 bars');
    expect(all(await chat('fay', 'details'))).not.toContain('earnings on 2020-04-24');
  });

  it('when `buddy events import` reads a file, then it reports what it stored; a bad file exits 1 naming the line and stores nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-events-'));
    const good = join(dir, 'calendar.csv');
    writeFileSync(good, 'symbol,date,kind\nTCHC,2020-04-28,earnings\n,2020-04-29,fomc\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'symbol,date,kind\nTCHC,2020-04-31,earnings\n');
    const io = () => {
      const lines: { out: string[]; err: string[] } = { out: [], err: [] };
      return { lines, io: { out: (t: string) => lines.out.push(t), err: (t: string) => lines.err.push(t) } };
    };
    const first = io();
    expect(await eventsImport.run(app, [good], first.io)).toBe(0);
    expect(first.lines.out).toEqual([`${good}: 2 events read (1 symbol, 1 macro), 2 new, 0 already stored`]);
    const again = io();
    expect(await eventsImport.run(app, [good], again.io)).toBe(0);
    expect(again.lines.out[0]).toContain('0 new, 2 already stored');
    const events = createEventRepository(app.database.db);
    const before = await events.count();
    const refused = io();
    expect(await eventsImport.run(app, [bad], refused.io)).toBe(1);
    expect(refused.lines.err[0]).toContain(
      'nothing imported, 1 bad row: line 2: date "2020-04-31" is not a calendar date',
    );
    expect(await events.count()).toBe(before);
  });
});
