import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import type { App } from '../../../src/app.js';
import { createSlackSummaryPoster } from '../../../src/bot/slack/index.js';
import { textReply } from '../../../src/bot/types.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';
import { signedHeaders } from '../../helpers/fake-slack-server.js';
import {
  blockText,
  nextId,
  SIGNING_SECRET,
  startSlackHarness,
  type SlackHarness,
} from '../../helpers/slack-harness.js';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const actionsOf = (body: Record<string, unknown>) =>
  ((body.blocks ?? []) as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
    (b) => b.type === 'actions',
  )?.elements ?? [];

describe.each(BACKENDS)('Slack app over HTTP on $name', (backend) => {
  let app: App;
  let h: SlackHarness;
  const evaluations = () => app.services.evaluations.countEvaluations();

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    h = await startSlackHarness(app);
  });
  afterAll(async () => {
    await h.close();
    await app.close();
  });

  it('when Slack verifies the request URL, then the signed challenge is echoed', async () => {
    const body = JSON.stringify({ token: 'legacy', challenge: 'chal-123', type: 'url_verification' });
    const res = await h.raw(body, signedHeaders(SIGNING_SECRET, body, 'application/json'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('chal-123');
  });

  it('when a signed /evaluate arrives, then it is acknowledged and the Buddy Report goes to its response_url with its four buttons (Details added by the compact report)', async () => {
    const before = await evaluations();
    const res = await h.slash('/evaluate', 'long SPX 2870 stop 2790 target 3050', {
      response_url: h.slack.responseUrl('eval-1'),
    });
    expect(res.status).toBe(200);
    const [post] = await h.slack.waitFor('response/eval-1', 1);
    expect(post?.body.response_type).toBe('in_channel');
    const text = blockText(post?.body ?? {});
    expect(text).toContain('Buddy Report: long SPX');
    expect(text).toMatch(/\d+\/100/);
    expect(
      actionsOf(post?.body ?? {})
        .map((a) => a.action_id)
        .sort(),
    ).toEqual(['details', 'edit', 'evaluate', 'save-journal']);
    expect(await evaluations()).toBe(before + 1);
  });

  it('when the same event arrives five times at once and three more times later (Slack retries), then one evaluation and one post', async () => {
    const before = await evaluations();
    const eventId = nextId('Ev');
    const event = {
      type: 'app_mention',
      user: 'U2',
      text: '<@UBOT> long TCHA 600 stop 570 target 660',
      ts: '1700000100.000200',
      channel: 'C-STORM',
      event_ts: '1700000100.000200',
    };
    const storm = await Promise.all(
      [0, 1, 2, 3, 4].map((n) =>
        h.event(
          event,
          eventId,
          n ? { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' } : {},
        ),
      ),
    );
    expect(storm.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await h.waitForPosts('C-STORM', 1);
    for (const n of [5, 6, 7])
      await h.event(event, eventId, { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_error' });
    await settle(1_500);
    const posts = h.posts('C-STORM');
    console.info(
      `retry storm: 8 deliveries of ${eventId} -> ${posts.length} post(s), ${(await evaluations()) - before} evaluation(s)`,
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.thread_ts).toBe('1700000100.000200');
    expect(await evaluations()).toBe(before + 1);
  });

  it('when the same slash command is delivered twice (same trigger_id), then it is answered once', async () => {
    const before = await evaluations();
    const extra = { trigger_id: 'tr.same', response_url: h.slack.responseUrl('dup') };
    await Promise.all([
      h.slash('/evaluate', 'short FINA 40 stop 42 target 36', extra),
      h.slash('/evaluate', 'short FINA 40 stop 42 target 36', extra),
    ]);
    await h.slack.waitFor('response/dup', 1);
    await settle(800);
    expect(h.slack.of('response/dup')).toHaveLength(1);
    expect(await evaluations()).toBe(before + 1);
  });

  it.each([
    ['a DM', { channel: 'D-ALICE', channel_type: 'im' }, undefined],
    [
      'a reply in a thread the bot started',
      {
        channel: 'C-THREAD',
        channel_type: 'channel',
        thread_ts: '1700000000.000001',
        parent_user_id: 'UBOT',
      },
      '1700000000.000001',
    ],
  ])('when %s arrives, then the answer goes back there', async (_name, where, thread) => {
    const ts = `${Date.now() / 1000}`;
    await h.event({ type: 'message', user: 'U3', text: 'help', ts, event_ts: ts, ...where }, nextId('Ev'));
    await h.waitForPosts(where.channel, 1);
    await settle(300);
    const posts = h.posts(where.channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.thread_ts).toBe(thread);
    expect(blockText(posts[0]?.body ?? {})).toContain('Trading Buddy');
  });

  it.each([
    [
      'a channel message not addressed to the bot',
      { channel: 'C-QUIET', channel_type: 'channel', user: 'U4' },
    ],
    [
      "a reply in somebody else's thread",
      { channel: 'C-QUIET', channel_type: 'channel', user: 'U4', thread_ts: '1.1', parent_user_id: 'U9' },
    ],
    ['a message from a bot', { channel: 'D-QUIET', channel_type: 'im', user: 'U4', bot_id: 'B2' }],
  ])('when %s arrives, then nothing is posted', async (_name, where) => {
    const ts = `${Date.now() / 1000}`;
    const res = await h.event(
      { type: 'message', text: 'long SPX 2870 stop 2790 target 3050', ts, event_ts: ts, ...where },
      nextId('Ev'),
    );
    expect(res.status).toBe(200);
    await settle(500);
    expect(h.posts(where.channel)).toHaveLength(0);
  });

  it("when Edit is pressed, then a modal with the idea's fields opens, and submitting it evaluates the edited idea", async () => {
    await h.slash('/evaluate', 'long SPX 2870 stop 2790 target 3050 risk 1%', {
      response_url: h.slack.responseUrl('edit-src'),
    });
    const [report] = await h.slack.waitFor('response/edit-src', 1);
    const intentId = actionsOf(report?.body ?? {}).find((a) => a.action_id === 'edit')?.value ?? '';
    await h.interaction({
      type: 'block_actions',
      api_app_id: 'A1',
      token: 'legacy',
      team: { id: 'T1', domain: 'desk' },
      user: { id: 'U1', name: 'alice', team_id: 'T1' },
      channel: { id: 'C1', name: 'trading' },
      message: { type: 'message', ts: '1700000200.000100', text: 'report' },
      container: { type: 'message', message_ts: '1700000200.000100', channel_id: 'C1' },
      trigger_id: 'tr.edit.1',
      response_url: h.slack.responseUrl('edit-out'),
      actions: [
        {
          type: 'button',
          action_id: 'edit',
          block_id: 'buddy-actions',
          value: intentId,
          text: { type: 'plain_text', text: 'Edit' },
          action_ts: '1700000201.1',
        },
      ],
    });
    const [open] = await h.slack.waitFor('views.open', 1);
    expect(open?.body.trigger_id).toBe('tr.edit.1');
    const view = open?.body.view as {
      blocks: { block_id: string; element: { initial_value?: string; initial_option?: { value: string } } }[];
      private_metadata: string;
      callback_id: string;
    };
    const initial = Object.fromEntries(
      view.blocks.map((b) => [b.block_id, b.element.initial_value ?? b.element.initial_option?.value]),
    );
    expect(initial).toMatchObject({
      symbol: 'SPX',
      side: 'long',
      entry: '2870',
      stop: '2790',
      targets: '3050',
      size: 'risk 1%',
      timeframe: '1d',
    });

    const input = (value: string) => ({ value: { type: 'plain_text_input', value } });
    const select = (value: string) => ({
      value: { type: 'static_select', selected_option: { value, text: { type: 'plain_text', text: value } } },
    });
    await h.interaction({
      type: 'view_submission',
      api_app_id: 'A1',
      token: 'legacy',
      team: { id: 'T1', domain: 'desk' },
      user: { id: 'U1', name: 'alice', team_id: 'T1' },
      trigger_id: 'tr.sub.1',
      view: {
        id: 'V-EDIT',
        hash: 'h1',
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: view.private_metadata,
        blocks: view.blocks,
        state: {
          values: {
            symbol: input('SPX'),
            side: select('long'),
            entry: input('2850'),
            stop: input('2790'),
            targets: input('3000, 3100'),
            size: input('risk 1%'),
            timeframe: select('1d'),
          },
        },
      },
    });
    const [edited] = await h.slack.waitFor('response/edit-out', 1);
    const text = blockText(edited?.body ?? {});
    expect(text).toContain('LONG SPX @ 2850');
    expect(text).toContain('target 3000 / 3100');
  });

  it('when Re-evaluate is pressed on a report in a thread, then a new report is posted in that thread', async () => {
    const ts = '1700000300.000100';
    await h.event(
      {
        type: 'app_mention',
        user: 'U5',
        text: '<@UBOT> long NRGA 50 stop 47 target 58',
        ts,
        event_ts: ts,
        channel: 'C-RE',
      },
      nextId('Ev'),
    );
    await h.waitForPosts('C-RE', 1);
    const before = await evaluations();
    await h.interaction({
      type: 'block_actions',
      api_app_id: 'A1',
      token: 'legacy',
      team: { id: 'T1' },
      user: { id: 'U5', name: 'eve', team_id: 'T1' },
      channel: { id: 'C-RE' },
      message: { type: 'message', ts: '1700000301.000100', thread_ts: ts },
      trigger_id: 'tr.re.1',
      response_url: h.slack.responseUrl('re'),
      actions: [
        {
          type: 'button',
          action_id: 'evaluate',
          block_id: 'buddy-actions',
          value: 'x',
          action_ts: '1700000302.1',
        },
      ],
    });
    const posts = await h.waitForPosts('C-RE', 2);
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body.thread_ts).toBe(ts);
    expect(blockText(posts[1]?.body ?? {})).toContain('Buddy Report: long NRGA');
    expect(await evaluations()).toBe(before + 1);
  });

  it('when a reply has a local chart, then it is uploaded next to the message through files.uploadV2', async () => {
    const path = '/tmp/trading-buddy-test-chart.png';
    await writeFile(path, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    await h.bot.poster.deliver(
      { channel: 'C-CHART', thread: '1700000400.000100' },
      { ...textReply('Chart', 'see below'), chart: { path, alt: 'SPX daily, last 120 bars' } },
    );
    const deadline = Date.now() + 10_000;
    const completes = () =>
      h.slack.of('files.completeUploadExternal').filter((c) => c.body.channel_id === 'C-CHART');
    while (completes().length === 0 && Date.now() < deadline) await settle(20);
    expect(completes()).toHaveLength(1);
    expect(completes()[0]?.body).toMatchObject({
      thread_ts: '1700000400.000100',
      files: [expect.objectContaining({ title: 'chart.png' })],
    });
    // (Other reports' charts may be uploading at the same time: answers go out before their charts.)
    expect(h.slack.of('files.getUploadURLExternal').map((c) => c.body)).toContainEqual(
      expect.objectContaining({ filename: 'chart.png', length: '16' }),
    );
    expect(blockText(h.posts('C-CHART')[0]?.body ?? {})).toContain('Chart attached below');
  });

  it('when the daily summary is posted to a subscribed channel, then it goes out with chat.postMessage and its ts comes back', async () => {
    const result = await createSlackSummaryPoster(h.bot.poster).post(
      { platform: 'slack', workspace: 'T1', channel: 'C-SUMMARY' },
      textReply('Daily summary', '2 trades closed <!channel>'),
    );
    const [post] = await h.waitForPosts('C-SUMMARY', 1);
    expect(result).toEqual({ messageId: expect.stringMatching(/^\d+\.\d+$/) });
    expect(JSON.stringify(post?.body)).not.toContain('<!channel>');
  });
});
