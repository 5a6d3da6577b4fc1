import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { renderDiscord } from '../../../src/bot/render/discord.js';
import { renderSlack } from '../../../src/bot/render/slack.js';
import { renderTerminal } from '../../../src/bot/render/terminal.js';
import type { Inbound, Reply } from '../../../src/bot/types.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';

/** The terminal budget: a report read at a glance fits an 80x25 window. */
const WIDTH = 80;
const MAX_LINES = 25;

const IDEAS = [
  'long SPX 2870 stop 2790 target 3050',
  'short TCHA 600 stop 630 target 520 risk 1%',
  'buy 100 FINA at 26.2, stop 25, targets 28 and 29, time stop 10 bars',
  'long SPX 2870 stop 2860 target 2880 risk 5%',
  'long TCHA 600',
];

describe.each(BACKENDS)('the compact report on $name', (backend) => {
  let app: App;
  const say = (text: string, over: Partial<Inbound> = {}) =>
    app.conversation.handle({
      platform: 'cli',
      workspace: 'local',
      channel: 'term',
      thread: '',
      user: 'gil',
      text,
      ...over,
    });
  const plain = (reply: Reply) => renderTerminal(reply, { color: false, width: WIDTH });

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
  });
  afterAll(async () => app.close());

  it.each(IDEAS)(
    'when "%s" is evaluated, then the terminal report fits 80x25 and leaves the evidence one step away',
    async (idea) => {
      const reply = await say(idea);
      expect(reply.kind).toBe('report');
      const text = plain(reply);
      const lines = text.split('\n');
      // Rows on the screen: a line longer than the terminal (a file path) takes more than one.
      const rows = lines.reduce((n, l) => n + Math.max(1, Math.ceil(l.length / WIDTH)), 0);
      expect(rows, text).toBeLessThanOrEqual(MAX_LINES);
      // Only a file path, which no terminal can wrap, may run past the width.
      expect(lines.filter((l) => l.length > WIDTH && l.trim().includes(' '))).toEqual([]);
      expect(text).toContain(`${reply.badge?.score}/100`);
      // No evidence dumps, internal names or knowledge-base hashes at a glance.
      expect(text).not.toMatch(/numbers:|\[\w+ = |· [0-9a-f]{12}\]|Background reading/);
      expect(text).toContain('Type: save · edit · re-evaluate · details');
      expect(text).toContain('AI-generated, educational content');
      // The issues shown are the report's first ones, in order.
      const shown = reply.issues.slice(0, 3);
      for (const [i, issue] of shown.entries())
        expect(text).toContain(`${i + 1}. ${issue.severity.toUpperCase()}`);
      if (reply.issues.length > 3) {
        expect(text).toContain(`${reply.issues.length - 3} more issue`);
        expect(text).toContain('why 4');
      }
    },
  );

  it('when "details" and "why 2" are typed after a report, then the whole report and issue 2 with all its numbers come back', async () => {
    const report = await say('long SPX 2870 stop 2790 target 3050');
    const details = await say('details');
    expect(details.title).toBe(`${report.title} (details)`);
    expect(details.refs?.evaluationId).toBe(report.refs?.evaluationId);
    const full = plain(details).replace(/\s+/g, ' ');
    expect(full).toContain('numbers:');
    for (const issue of report.issues)
      expect(full).toContain(issue.evidence[0]?.value ?? issue.message.slice(0, 20));
    for (const card of report.agents) expect(full).toContain(card.factors[0]?.text ?? card.agent);
    expect(full).not.toContain('details ·');

    const issue = report.issues[1];
    const why = await say('why 2');
    const text = plain(why).replace(/\s+/g, ' ');
    expect(text).toContain(issue?.message.slice(0, 40));
    for (const e of issue?.evidence ?? []) expect(text).toContain(`${e.label}: ${e.value}`);
    expect(text).toContain(issue?.mitigation.slice(0, 40));

    const none = await say('why 9');
    expect(none.kind).toBe('error');
    expect(none.text).toContain(`no issue 9`);
    expect(none.text).toContain(`1 to ${report.issues.length}`);
  });

  it('when the Details button of a Slack report is pressed by a colleague in the workspace, then that report comes back whole; a terminal user or another workspace gets nothing', async () => {
    const report = await say('short TCHA 600 stop 630 target 520 risk 1%', {
      platform: 'slack',
      workspace: 'T1',
      user: 'hal',
      channel: 'desk',
    });
    const press = (over: Partial<Inbound>) =>
      say('', { action: { id: 'details', value: report.refs?.evaluationId ?? '' }, ...over });
    const details = await press({ platform: 'slack', workspace: 'T1', user: 'ida', channel: 'desk' });
    expect(details.view).toBe('full');
    expect(details.issues).toEqual(report.issues);
    for (const over of [
      { platform: 'slack' as const, workspace: 'T2', user: 'ida' },
      { platform: 'cli' as const, workspace: 'T1', user: 'ida' },
    ]) {
      const refused = await press(over);
      expect(refused.kind).toBe('error');
      expect(refused.issues).toEqual([]);
    }
  });

  it('when the buttons under a terminal report are typed, then save, re-evaluate and edit do what the buttons do', async () => {
    const user = 'jo';
    const report = await say('long TCHA 600 stop 570 target 680', { user });
    const saved = await say('save', { user });
    expect(saved.title).toMatch(/journal/i);
    expect(saved.kind).not.toBe('error');
    const again = await say('re-evaluate', { user });
    expect(again.kind).toBe('report');
    expect(again.title).toBe(report.title);
    expect(again.refs?.evaluationId).not.toBe(report.refs?.evaluationId);
    const edit = await say('edit', { user });
    expect(edit.text ?? '').toMatch(/Editing long TCHA|What would you like to change/);
    const nothing = await say('save', { user: 'kim' });
    expect(nothing.kind).toBe('error');
    expect(nothing.text).toContain('no Buddy Report yet');
  });

  it('when a report is rendered for Slack and Discord, then they show the same compact view with a Details button', async () => {
    const report = await say('long SPX 2870 stop 2790 target 3050', { user: 'lou' });
    const slack = renderSlack(report);
    const slackText = JSON.stringify(slack.blocks);
    expect(slackText).not.toContain('numbers:');
    expect(slackText).toContain('"action_id":"details"');
    expect(slack.blocks.length).toBeLessThanOrEqual(12);
    const discord = renderDiscord(report);
    expect(discord.embeds).toHaveLength(1);
    expect(discord.embeds[0]?.fields?.length).toBeLessThanOrEqual(4);
    expect(JSON.stringify(discord.components)).toContain(`details:${report.refs?.evaluationId}`);
    const full = renderSlack({ ...report, view: 'full' });
    expect(JSON.stringify(full.blocks)).toContain('numbers:');
    expect(JSON.stringify(full.blocks)).not.toContain('"action_id":"details"');
  });
});
