import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { gatedRenderer } from '../../helpers/chart-status.js';
import { BACKENDS } from '../../helpers/databases.js';
import { blockText, nextId, startSlackHarness, type SlackHarness } from '../../helpers/slack-harness.js';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)('Slack posts the report before its chart on $name', (backend) => {
  const gate = gatedRenderer();
  let app: App;
  let h: SlackHarness;

  beforeAll(async () => {
    const config = loadConfig({
      DATA_DIR: `/tmp/trading-buddy-test-slack-late-${backend.name}-${process.pid}`,
      LOG_LEVEL: 'silent',
    });
    app = await buildApp(config, pino({ level: 'silent' }), {
      database: await backend.openDemo(),
      chartRenderer: gate.renderer,
    });
    h = await startSlackHarness(app, { postIntervalMs: 0 });
  });
  afterAll(async () => {
    await h.close();
    await app.close();
  });

  const mention = async (channel: string, ts: string) => {
    await h.event(
      {
        type: 'app_mention',
        user: 'U9',
        text: '<@UBOT> long TCHA 600 stop 570 target 680',
        ts,
        event_ts: ts,
        channel,
      },
      nextId('Ev'),
    );
    const [report] = await h.waitForPosts(channel, 1);
    return report;
  };
  const uploads = (channel: string) =>
    h.slack.of('files.completeUploadExternal').filter((c) => c.body.channel_id === channel);

  it('when an idea is evaluated, then the report is posted while the chart draws, and the chart is uploaded into the same thread after it', async () => {
    gate.close();
    const ts = '1700000500.000100';
    const report = await mention('C-LATE', ts);
    expect(blockText(report?.body ?? {})).toContain('Buddy Report: long TCHA');
    expect(blockText(report?.body ?? {})).toContain('The chart follows below');
    await settle(300);
    expect(uploads('C-LATE')).toHaveLength(0);

    gate.open('draw');
    await expect.poll(() => uploads('C-LATE').length, { timeout: 20_000 }).toBe(1);
    const [upload] = uploads('C-LATE');
    expect(upload?.body).toMatchObject({
      thread_ts: ts,
      files: [expect.objectContaining({ title: 'chart.png' })],
    });
    expect(upload?.at ?? 0).toBeGreaterThan(report?.at ?? Number.POSITIVE_INFINITY);
  });

  it('when the chart cannot be drawn, then the report stands and a note in the thread says so', async () => {
    gate.close();
    const ts = '1700000600.000100';
    await mention('C-LATE-FAIL', ts);
    gate.open('fail');
    const [, note] = await h.waitForPosts('C-LATE-FAIL', 2, 20_000);
    expect(note?.body).toMatchObject({ thread_ts: ts });
    expect(String(note?.body.text)).toContain('could not be drawn');
    expect(uploads('C-LATE-FAIL')).toHaveLength(0);
  });
});
