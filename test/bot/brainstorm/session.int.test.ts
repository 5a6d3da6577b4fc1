import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { BRAINSTORM_MODE, readDraft, REVIEW_MODE, sessionMode } from '../../../src/bot/brainstorm/index.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS, openPglite } from '../../helpers/databases.js';
import { inbound, sessionOf } from './harness.js';

const say = (app: App, user: string, text: string, channel = 'desk') =>
  app.conversation.handle(inbound(user, { text }, channel));
const draftOf = async (app: App, user: string, channel = 'desk') =>
  readDraft((await sessionOf(app, user, channel)).state['draft']);

describe('sessionMode', () => {
  const at = new Date('2026-01-01T10:00:00Z');
  it.each([
    ['brainstorm', 29, 'brainstorm'],
    ['brainstorm', 31, 'idle'],
    ['brainstorm-review', 31, 'idle'],
    ['brainstorm-review', 5, 'brainstorm-review'],
    ['idle', 500, 'idle'],
    ['journal', 500, 'journal'],
  ])(
    'when the mode is %s and the last message was %d minutes ago, then messages route as %s',
    (mode, minutes, expected) => {
      expect(sessionMode({ mode, lastActiveAt: at }, 30 * 60_000, at.getTime() + minutes * 60_000)).toBe(
        expected,
      );
    },
  );
});

describe.each(BACKENDS)('brainstorm sessions on $name', (backend) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
  }, 60_000);
  afterAll(async () => app.close());

  it('when two traders brainstorm in the same channel, then each has a separate draft', async () => {
    await say(app, 'ann', 'long TCHA');
    await say(app, 'ben', 'thinking about shorting SPX');
    await say(app, 'ann', '590');
    await say(app, 'ben', '2900');
    expect(await draftOf(app, 'ann')).toMatchObject({
      symbol: 'TCHA',
      side: 'long',
      entry: 590,
      asked: 'stop',
    });
    expect(await draftOf(app, 'ben')).toMatchObject({
      symbol: 'SPX',
      side: 'short',
      entry: 2900,
      asked: 'stop',
    });
  });

  it('when the same trader brainstorms in two threads, then the drafts do not mix', async () => {
    await say(app, 'cai', 'long FINA', 'room-1');
    await say(app, 'cai', 'short FINB', 'room-2');
    expect(await draftOf(app, 'cai', 'room-1')).toMatchObject({ symbol: 'FINA', side: 'long' });
    expect(await draftOf(app, 'cai', 'room-2')).toMatchObject({ symbol: 'FINB', side: 'short' });
  });
});

describe.each(BACKENDS)('brainstorm idle timeout on $name', (backend) => {
  let app: App;
  // 1.2 s: long enough for one turn to follow another, short enough to wait out in a test.
  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo(), { BRAINSTORM_IDLE_MINUTES: '0.02' });
  }, 60_000);
  afterAll(async () => app.close());
  const idle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

  it('when a brainstorm sits idle past the timeout, then the next message routes as usual and "resume" brings the draft back', async () => {
    await say(app, 'dot', 'long TCHA');
    expect((await sessionOf(app, 'dot')).mode).toBe(BRAINSTORM_MODE);
    await idle();
    const routed = await say(app, 'dot', '590');
    expect(routed.title).toBe('I evaluate trade ideas');
    expect((await sessionOf(app, 'dot')).mode).toBe('idle');
    expect(await draftOf(app, 'dot')).toMatchObject({ symbol: 'TCHA', side: 'long', asked: 'entry' });
    const back = await say(app, 'dot', 'resume');
    expect(back.text).toMatch(/^Back to your TCHA draft\.\nWhere do you get in\?/);
    expect((await sessionOf(app, 'dot')).mode).toBe(BRAINSTORM_MODE);
  });

  it('when an evaluated draft sits idle past the timeout, then "save" is no longer captured by brainstorm', async () => {
    await say(app, 'eli', '/brainstorm long TCHA 590 stop 560 target 650');
    await say(app, 'eli', 'evaluate');
    expect((await sessionOf(app, 'eli')).mode).toBe(REVIEW_MODE);
    await idle();
    // Typed "save" now does what the report's Save button does (it saves the report), so the
    // brainstorm draft is left alone: its chat is not saved with it.
    const reply = await say(app, 'eli', 'save');
    expect(reply.text).toMatch(/^The long TCHA report \(score \d+\)/);
    const draft = await draftOf(app, 'eli');
    expect(draft).toMatchObject({ status: 'evaluated' });
    expect(draft?.journalId).toBeUndefined();
  });
});

describe('brainstorm across a restart', () => {
  it('when the embedded database is closed and reopened mid-brainstorm, then the draft and the question carry on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tb-brainstorm-'));
    const first = await buildTestApp(await openPglite({ demo: true, dir }));
    await say(first, 'fay', 'thinking about TCHA');
    await say(first, 'fay', 'long, stop 1.5 ATR below');
    const before = await draftOf(first, 'fay');
    expect(before).toMatchObject({
      symbol: 'TCHA',
      side: 'long',
      stopOffset: { unit: 'atr', value: 1.5 },
      asked: 'entry',
    });
    await first.close();

    const second = await buildTestApp(await openPglite({ demo: true, dir }));
    const reply = await say(second, 'fay', '590');
    const after = await draftOf(second, 'fay');
    expect(after).toMatchObject({
      id: before?.id,
      symbol: 'TCHA',
      side: 'long',
      entry: 590,
      asked: 'target',
    });
    expect(after?.stop).toBeLessThan(590);
    expect(reply.text).toMatch(/^Got it: entry 590, stop \d+(\.\d+)? \(1\.5 ATR\)\./);
    expect(after?.transcript.filter((t) => t.role === 'trader').map((t) => t.text)).toEqual([
      'thinking about TCHA',
      'long, stop 1.5 ATR below',
      '590',
    ]);
    await second.close();
  }, 180_000);
});
