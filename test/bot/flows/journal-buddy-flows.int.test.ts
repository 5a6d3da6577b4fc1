import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import type { Inbound, Reply } from '../../../src/bot/types.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

const say = (user: string, text: string, over: Partial<Inbound> = {}): Inbound => ({
  platform: 'discord',
  workspace: 'G1',
  channel: 'desk',
  thread: '',
  user,
  text,
  ...over,
});
const all = (reply: Reply) =>
  [reply.title, reply.text ?? '', ...reply.sections.map((s) => `${s.heading ?? ''}: ${s.text}`)].join('\n');

describe.each(BACKENDS)('/journal, Save to journal and /buddy on $name', (backend) => {
  let app: App;
  const send = async (user: string, text: string, over: Partial<Inbound> = {}) =>
    app.conversation.handle(say(user, text, over));
  const entries = (user: string) => app.services.trading.journal.list(`discord:G1:${user}`, 50);

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
  });
  afterAll(async () => app.close());

  it('when a note names a symbol with an open trade, then it is stored with its tags and linked to that trade', async () => {
    await send('ann', '/trade open TCHA long 10 @ 100 stop 95');
    const reply = await send('ann', '/journal add Chased the open again, no patience #FOMO #mistake $tcha');
    expect(all(reply)).toContain('TCHA · #fomo · #mistake · linked to your open long TCHA trade');
    const [entry] = await entries('ann');
    const [trade] = await app.services.trading.tradeRows.openTrades('discord:G1:ann');
    expect(entry).toMatchObject({
      kind: 'note',
      symbol: 'TCHA',
      tags: ['fomo', 'mistake'],
      tradeId: trade?.tradeId,
      noteText: 'Chased the open again, no patience #FOMO #mistake $tcha',
    });
  });

  it('when notes are listed and searched, then the latest come first and stems match', async () => {
    await send('ben', '/journal add Breakout failed on low volume');
    await send('ben', '/journal add Waited for the retest #patience');
    await send('ben', '/journal add Sized down after two losses #rule');
    expect(
      all(await send('ben', '/journal list 2'))
        .split('\n')
        .filter((l) => l.includes('•'))
        .map((l) => l.replace(/^.*\d{2}:\d{2} /, '')),
    ).toEqual(['Sized down after two losses #rule', 'Waited for the retest #patience']);
    expect(all(await send('ben', '/journal search breakouts'))).toContain('Breakout failed on low volume');
    expect(all(await send('ben', '/journal search earnings'))).toContain(
      'Nothing in your journal matches "earnings"',
    );
  });

  it.each([
    ['/journal add', 'the note is empty'],
    [`/journal add ${'x'.repeat(2001)}`, 'keep a note under 2000 characters'],
    ['/journal list 0', '"0" is not a count from 1 to 50'],
    ['/journal list lots', '"lots" is not a count from 1 to 50'],
    ['/journal search', 'Give the words to search for'],
    ['/journal delete everything', 'I do not know `/journal delete`'],
  ])('when the trader sends %s, then the answer says %s and nothing is stored', async (text, message) => {
    const before = (await entries('cat')).length;
    const reply = await send('cat', text);
    expect(reply.kind).toBe('error');
    expect(all(reply)).toContain(message);
    expect((await entries('cat')).length).toBe(before);
  });

  it('when Save to journal is pressed on a Buddy Report, then the report and conversation are stored once, linked to the evaluation', async () => {
    const report = await send('dee', 'long TCHB 100 stop 95 target 110');
    const button = report.buttons.find((b) => b.id === 'save-journal');
    expect(button?.value).toBe(report.refs?.evaluationId);
    const saved = await send('dee', '', { action: { id: 'save-journal', value: button?.value ?? '' } });
    expect(saved.title).toBe('Saved to your journal');
    const [entry] = await entries('dee');
    expect(entry).toMatchObject({
      kind: 'report',
      evalId: report.refs?.evaluationId,
      intentId: report.refs?.intentId,
      symbol: 'TCHB',
      tags: ['buddy-report'],
    });
    expect(entry?.noteText).toMatch(/^Buddy Report: long TCHB @ 100 · stop 95 · target 110\. Score \d+\/100/);
    expect(entry?.noteText).toContain('You: long TCHB 100 stop 95 target 110');
    const again = await send('dee', '', { action: { id: 'save-journal', value: button?.value ?? '' } });
    expect(again.title).toBe('Already in your journal');
    expect(await entries('dee')).toHaveLength(1);
  });

  it("when the button carries a bad id or another workspace's report, then nothing is saved", async () => {
    const foreign = await app.conversation.handle({
      ...say('eve', 'long TCHB 100 stop 95 target 110'),
      workspace: 'OTHER',
    });
    for (const value of [
      'not-a-uuid',
      foreign.refs?.evaluationId ?? '',
      '00000000-0000-4000-8000-000000000000',
    ]) {
      const reply = await send('eve', '', { action: { id: 'save-journal', value } });
      expect(reply.kind).toBe('error');
    }
    expect(await entries('eve')).toHaveLength(0);
  });

  it('when a channel subscribes, checks and stops the daily summary, then the row follows', async () => {
    const ref = { platform: 'discord', workspace: 'G1', channel: 'desk' };
    const set = await send('ann', '/buddy summary here 5:30pm America/New_York');
    expect(all(set)).toContain('at 17:30 America/New_York on weekdays');
    expect(await app.services.trading.jobs.getSubscription(ref)).toMatchObject({
      localTime: '17:30',
      timeZone: 'America/New_York',
      enabled: true,
      createdBy: 'discord:G1:ann',
    });
    expect(all(await send('ann', '/buddy summary'))).toContain('at 17:30 America/New_York on weekdays');
    const preview = await send('ann', '/buddy summary preview');
    expect(preview.title).toMatch(/^Preview: Daily post-trade summary: \d{4}-\d{2}-\d{2}$/);
    expect(all(await send('ann', '/buddy summary off'))).toContain('will not get the daily summary any more');
    expect((await app.services.trading.jobs.getSubscription(ref))?.enabled).toBe(false);
  });

  it.each([
    ['/buddy summary here 17:30 America/New_Yrok', 'did you mean America/New_York'],
    ['/buddy summary here 17:30 New York', 'did you mean America/New_York'],
    [
      '/buddy summary here 17:30 Mars/Olympus',
      'Use an IANA name such as America/New_York, Europe/London, Asia/Tokyo',
    ],
    ['/buddy summary here 25:00 UTC', '"25:00" is not a time'],
    ['/buddy summary here 17:30', 'Add an IANA time zone such as America/New_York'],
    ['/buddy summary here', 'Give a 24-hour time and an IANA time zone'],
  ])('when the channel asks %s, then the error says %s and nothing is subscribed', async (text, message) => {
    const reply = await send('ann', text, { channel: 'bad-input' });
    expect(reply.kind).toBe('error');
    expect(all(reply)).toContain(message);
    expect(all(reply)).toContain('/buddy summary here 17:30 America/New_York');
    expect(
      await app.services.trading.jobs.getSubscription({
        platform: 'discord',
        workspace: 'G1',
        channel: 'bad-input',
      }),
    ).toBeUndefined();
  });

  it('when /buddy help is asked, then the trade, settings, journal and summary commands are listed', async () => {
    const reply = await send('ann', '/buddy help');
    expect(reply.kind).toBe('help');
    expect(reply.sections.map((s) => s.heading)).toEqual([
      'Evaluate',
      'Trades',
      'Your settings',
      'Journal',
      'Daily summary',
    ]);
  });
});
