import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { evaluate } from '../../src/bot/cli/commands/evaluate.js';
import { createIntentLoader } from '../../src/bot/commands/index.js';
import { createDiscordBot, type DiscordBot } from '../../src/bot/discord/index.js';
import { buildTestApp } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';
import { APP_ID, buttonPress, chatInput } from '../helpers/discord-payloads.js';
import { dispatchInteraction, startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord-server.js';
import { nextId, startSlackHarness, type SlackHarness } from '../helpers/slack-harness.js';

/** What a trader reads in a Buddy Report, independent of the surface's formatting. */
interface Seen {
  score: number;
  issues: { severity: string; message: string; numbers: string[] }[];
  codes?: string[];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const unescapeSlack = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const numberList = (s: string) =>
  s
    .split(' · ')
    .map((n) => squash(n.replace(/\*/g, '')))
    .filter(Boolean);

/** The terminal report as printed (no colour): "[62/100 · …]", then "1. HIGH message", "numbers: …", "→ …". */
function fromTerminal(text: string): Seen {
  const score = Number(/\[(\d+)\/100/.exec(text)?.[1]);
  const issuesPart = text.split(/\nIssues\n/)[1]?.split(/\n\n|\nType: /)[0] ?? '';
  const issues = issuesPart
    .split(/\n(?=\d+\. [A-Z]+ )/)
    .filter((p) => /^\d+\. /.test(p))
    .map((part) => {
      const [head = '', rest = ''] = part.split(/\n\s*numbers: /);
      const numbers = rest ? (rest.split(/\n\s*→ /)[0] ?? '') : '';
      const match = /^\d+\. ([A-Z]+) ([\s\S]*?)(?:\n\s*→ [\s\S]*)?$/.exec(head) ?? [];
      return {
        severity: (match[1] ?? '').toLowerCase(),
        message: squash(match[2] ?? ''),
        numbers: numberList(squash(numbers)),
      };
    });
  return { score, issues };
}

function fromSlack(body: Record<string, unknown>): Seen {
  const blocks = body.blocks as { type: string; text?: { text: string }; elements?: { text?: string }[] }[];
  const score = Number(/(\d+)\/100/.exec(blocks[0]?.text?.text ?? '')?.[1]);
  const issues: Seen['issues'] = [];
  const codes: string[] = [];
  blocks.forEach((block, i) => {
    const match = /^:[a-z_]+: \*\d+\. ([A-Z]+)\* ([\s\S]*)\n:arrow_right: /.exec(block.text?.text ?? '');
    if (!match) return;
    const context = unescapeSlack(blocks[i + 1]?.elements?.[0]?.text ?? '');
    codes.push(/^`([^`]+)`/.exec(context)?.[1] ?? '');
    issues.push({
      severity: (match[1] ?? '').toLowerCase(),
      message: squash(unescapeSlack(match[2] ?? '')),
      numbers: numberList(context.split(' · numbers: ')[1] ?? ''),
    });
  });
  return { score, issues, codes };
}

function fromDiscord(body: Record<string, unknown>): Seen {
  const [main] = body.embeds as { description?: string; fields?: { name: string; value: string }[] }[];
  const score = Number(/\*\*(\d+)\/100/.exec(main?.description ?? '')?.[1]);
  // Issue fields are numbered; the tail (tips, agents, "more") is a field of its own.
  const fields = (main?.fields ?? []).filter((f) => /^\d+\. /.test(f.name));
  return {
    score,
    codes: fields.map((f) => f.name.split(' · ')[1] ?? ''),
    issues: fields.map((f) => {
      const lines = f.value.split('\n');
      const numbers = lines.find((l) => l.startsWith('**Numbers:** '))?.slice('**Numbers:** '.length) ?? '';
      return {
        severity: (/^\d+\. ([A-Z]+)/.exec(f.name)?.[1] ?? '').toLowerCase(),
        message: squash(lines[0] ?? ''),
        numbers: numberList(numbers),
      };
    }),
  };
}

function detailsValue(json: string, pattern: RegExp): string {
  const value = pattern.exec(json)?.[1];
  if (!value) throw new Error(`no Details button in ${json.slice(0, 300)}`);
  return value;
}

describe.each(BACKENDS)('one /evaluate text, three surfaces, on $name', (backend) => {
  let app: App;
  let slack: SlackHarness;
  let discord: FakeDiscord;
  let bot: DiscordBot;

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    slack = await startSlackHarness(app);
    discord = await startFakeDiscord();
    bot = createDiscordBot({
      conversation: app.conversation,
      loadIntent: createIntentLoader(app.services.evaluations),
      logger: pino({ level: 'silent' }),
      token: 't',
      apiUrl: discord.api,
    });
  });
  afterAll(async () => {
    await bot.stop();
    await discord.close();
    await slack.close();
    await app.close();
  });

  it.each([
    'long SPX 2870 stop 2790 target 3050',
    'short TCHA 600 stop 630 target 520 risk 1%',
    'buy 100 FINA at 40, stop 38, targets 44 and 46, time stop 10 bars',
    'long SPX 2870 stop 2860 target 2880 risk 5%',
  ])(
    'when "%s" is evaluated in the terminal, Slack and Discord, then the compact reports agree and their details carry the same score, issue codes and numbers',
    async (text) => {
      // The terminal with --details, Slack and Discord after their Details button: the whole report.
      const printed: string[] = [];
      await evaluate.run(app, ['--details', text], {
        out: (t) => printed.push(t),
        err: (t) => printed.push(t),
      });
      const terminalText = printed.join('\n');
      const evalId = /Evaluation ([0-9a-f-]{36})/.exec(terminalText)?.[1] ?? '';
      const stored = await app.services.evaluations.getEvaluation(evalId);
      const shownCodes = (stored?.evaluation.summary.shown ?? []) as string[];

      const responseId = nextId('eq');
      await slack.slash('/evaluate', text, { response_url: slack.slack.responseUrl(responseId) });
      const [slackCompact] = await slack.slack.waitFor(`response/${responseId}`, 1);
      const slackEvalId = detailsValue(
        JSON.stringify(slackCompact?.body ?? {}),
        /"action_id":"details","text":\{[^}]*\},"value":"([0-9a-f-]{36})"/,
      );
      const detailsId = nextId('eq-details');
      await slack.interaction({
        type: 'block_actions',
        api_app_id: 'A1',
        token: 'legacy',
        team: { id: 'T1' },
        user: { id: 'U1', name: 'ann', team_id: 'T1' },
        channel: { id: 'C1' },
        trigger_id: `tr.${detailsId}`,
        response_url: slack.slack.responseUrl(detailsId),
        actions: [
          {
            type: 'button',
            action_id: 'details',
            block_id: 'buddy-actions',
            value: slackEvalId,
            action_ts: '1',
          },
        ],
      });
      const [slackPost] = await slack.slack.waitFor(`response/${detailsId}`, 1);

      const interaction = chatInput('evaluate', { idea: text });
      dispatchInteraction(bot.client, interaction);
      const [discordCompact] = await discord.waitFor(
        (c) =>
          c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/token-${interaction.id}/messages/@original`,
      );
      const discordEvalId = detailsValue(
        JSON.stringify(discordCompact?.body ?? {}),
        /"custom_id":"details:([0-9a-f-]{36})"/,
      );
      const press = buttonPress(`details:${discordEvalId}`);
      dispatchInteraction(bot.client, press);
      const [discordEdit] = await discord.waitFor(
        (c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/token-${press.id}/messages/@original`,
      );
      // The compact reports show the first issues of the same report, in the same order.
      expect(fromSlack(slackCompact?.body ?? {}).issues.map((i) => i.severity)).toEqual(
        fromSlack(slackPost?.body ?? {})
          .issues.slice(0, 3)
          .map((i) => i.severity),
      );

      const terminal = fromTerminal(terminalText);
      const inSlack = fromSlack(slackPost?.body ?? {});
      const inDiscord = fromDiscord(discordEdit?.body ?? {});
      console.info(
        `equivalence "${text}": score ${terminal.score}/${inSlack.score}/${inDiscord.score}, codes ${shownCodes.join(',')} | ${inSlack.codes?.join(',')} | ${inDiscord.codes?.join(',')}, issues ${terminal.issues.length}/${inSlack.issues.length}/${inDiscord.issues.length}`,
      );

      expect(Number.isFinite(terminal.score)).toBe(true);
      expect(terminal.issues.length).toBeGreaterThan(0);
      // The extractors found real content, so equality below compares messages and numbers, not empty lists.
      expect(terminal.issues.every((i) => i.message.length > 10 && i.severity.length > 0)).toBe(true);
      expect(terminal.issues.flatMap((i) => i.numbers).length).toBeGreaterThan(terminal.issues.length);
      expect(inSlack.score).toBe(terminal.score);
      expect(inDiscord.score).toBe(terminal.score);
      expect(inSlack.codes).toEqual(shownCodes);
      expect(inDiscord.codes).toEqual(shownCodes);
      expect(inSlack.issues).toEqual(terminal.issues);
      expect(inDiscord.issues).toEqual(terminal.issues);
    },
  );
});
