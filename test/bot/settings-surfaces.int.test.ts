import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createIntentLoader } from '../../src/bot/commands/index.js';
import { createDiscordBot, type DiscordBot } from '../../src/bot/discord/index.js';
import { buildTestApp } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';
import { APP_ID, buttonPress, chatInput, GUILD_ID, modalSubmit } from '../helpers/discord-payloads.js';
import {
  type DiscordCall,
  dispatchInteraction,
  startFakeDiscord,
  type FakeDiscord,
} from '../helpers/fake-discord-server.js';
import { blockText, nextId, startSlackHarness, type SlackHarness } from '../helpers/slack-harness.js';

const SLACK_USER = 'slack:T1:U1';
const DISCORD_USER = `discord:${GUILD_ID}:500000000000000001`;

describe.each(BACKENDS)('/buddy settings in Slack and Discord on $name', (backend) => {
  let app: App;
  let slack: SlackHarness;
  let discord: FakeDiscord;
  let bot: DiscordBot;

  const inSlack = async (text: string) => {
    const responseId = nextId('set');
    await slack.slash('/buddy', text, { response_url: slack.slack.responseUrl(responseId) });
    const [post] = await slack.slack.waitFor(`response/${responseId}`, 1);
    return blockText(post?.body ?? {});
  };
  const original = (id: string) => (c: DiscordCall) =>
    c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/token-${id}/messages/@original`;
  const discordEdit = async (interaction: { id: string }) => {
    dispatchInteraction(bot.client, interaction);
    const [edit] = await discord.waitFor(original(interaction.id));
    return edit?.body ?? {};
  };
  const inDiscord = async (options: Record<string, string>) =>
    JSON.stringify(await discordEdit(chatInput('buddy', options)));
  const slackAction = (actionId: string, value: string, triggerId: string, responseId: string) => ({
    type: 'block_actions',
    api_app_id: 'A1',
    token: 'legacy',
    team: { id: 'T1', domain: 'desk' },
    user: { id: 'U1', name: 'alice', team_id: 'T1' },
    channel: { id: 'C1', name: 'trading' },
    message: { type: 'message', ts: '1700000200.000100', text: 'settings' },
    container: { type: 'message', message_ts: '1700000200.000100', channel_id: 'C1' },
    trigger_id: triggerId,
    response_url: slack.slack.responseUrl(responseId),
    actions: [{ type: 'button', action_id: actionId, block_id: 'buddy-actions', value, action_ts: '1.1' }],
  });

  beforeAll(async () => {
    app = await buildTestApp(await backend.open());
    slack = await startSlackHarness(app);
    discord = await startFakeDiscord();
    bot = createDiscordBot({
      conversation: app.conversation,
      loadIntent: createIntentLoader(app.services.evaluations),
      logger: pino({ level: 'silent' }),
      token: 't',
      apiUrl: discord.api,
    });
  }, 60_000);
  afterAll(async () => {
    await bot.stop();
    await discord.close();
    await slack.close();
    await app.close();
  });

  it('when a Slack trader uses /buddy settings, then the change is stored and shown back as theirs', async () => {
    const saved = await inSlack('settings risk 0.5% strictness medium');
    expect(saved).toContain('Settings saved');
    expect(saved).toContain('max risk per trade: 0.5% of equity (yours)');
    const shown = await inSlack('settings');
    expect(shown).toContain('strictness: medium (yours)');
    expect(shown).toContain('Rules version 1');
    const refused = await inSlack('settings risk 40%');
    expect(refused).toContain('max risk per trade is at most 10% of equity (got 40)');
    expect(await app.services.settings.forUser(SLACK_USER)).toMatchObject({
      version: 1,
      values: { maxRiskPct: 0.5, strictness: 'medium' },
    });
  });

  it('when a Discord trader uses /buddy settings, then the change is stored and shown back as theirs', async () => {
    const saved = await inDiscord({ topic: 'settings', details: 'equity 25k rr 2' });
    expect(saved).toContain('Settings saved');
    expect(saved).toContain('equity: 25,000 USD (yours)');
    const shown = await inDiscord({ topic: 'settings' });
    expect(shown).toContain('min reward:risk: 2R (yours)');
    const refused = await inDiscord({ topic: 'settings', details: 'modules off astrology' });
    expect(refused).toContain('unknown module \\"astrology\\"');
    expect(await app.services.settings.forUser(DISCORD_USER)).toMatchObject({
      version: 1,
      values: { equity: 25_000, minRewardRisk: 2 },
    });
  });

  it('when a Slack trader presses Change settings, then a form with their values opens and saving it stores the changes', async () => {
    const responseId = nextId('form');
    await slack.slash('/buddy', 'settings', { response_url: slack.slack.responseUrl(responseId) });
    const [shown] = await slack.slack.waitFor(`response/${responseId}`, 1);
    const blocks = (shown?.body.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[];
    const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'settings-form');
    expect(button?.value).toBe('50000|USD|0.5|1.5|medium');

    await slack.interaction(slackAction('settings-form', button?.value ?? '', 'tr.settings.1', nextId('x')));
    const [open] = await slack.slack.waitFor('views.open', 1);
    const view = open?.body.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id: string; element: { initial_value?: string } }[];
    };
    expect(Object.fromEntries(view.blocks.map((b) => [b.block_id, b.element.initial_value]))).toEqual({
      equity: '50000',
      baseCurrency: 'USD',
      maxRiskPct: '0.5',
      minRewardRisk: '1.5',
      strictness: 'medium',
    });
    const input = (value: string) => ({ value: { type: 'plain_text_input', value } });
    const saved = nextId('saved');
    await slack.interaction({
      type: 'view_submission',
      api_app_id: 'A1',
      token: 'legacy',
      team: { id: 'T1', domain: 'desk' },
      user: { id: 'U1', name: 'alice', team_id: 'T1' },
      trigger_id: 'tr.settings.2',
      view: {
        id: 'V-SETTINGS',
        hash: 'h1',
        type: 'modal',
        callback_id: view.callback_id,
        private_metadata: JSON.stringify({
          ...(JSON.parse(view.private_metadata) as object),
          responseUrl: slack.slack.responseUrl(saved),
        }),
        blocks: view.blocks,
        state: {
          values: {
            equity: input('40000'),
            baseCurrency: input('USD'),
            maxRiskPct: input('0.75'),
            minRewardRisk: input('1.5'),
            strictness: input('medium'),
          },
        },
      },
    });
    const [answer] = await slack.slack.waitFor(`response/${saved}`, 1);
    expect(blockText(answer?.body ?? {})).toContain('Settings saved');
    const after = await app.services.settings.forUser(SLACK_USER);
    expect(after).toMatchObject({ version: 2, values: { equity: 40_000, maxRiskPct: 0.75 } });
    // Only what was changed is written: the unchanged fields stay inherited.
    expect(after.own).toEqual({ equity: 40_000, maxRiskPct: 0.75, strictness: 'medium' });
  });

  it('when a Discord trader presses Change settings, then a modal with their values opens and submitting it stores the changes', async () => {
    const shown = await discordEdit(chatInput('buddy', { topic: 'settings' }));
    const buttonId =
      ((shown.components ?? []) as { components: { custom_id: string }[] }[])
        .flatMap((r) => r.components)
        .find((b) => b.custom_id.startsWith('settings-form:'))?.custom_id ?? '';
    expect(buttonId).toBe('settings-form:25000|USD|1|2|low');
    const press = buttonPress(buttonId);
    dispatchInteraction(bot.client, press);
    const [first] = await discord.waitFor((c) => c.path.startsWith(`/interactions/${press.id}/`));
    expect(first?.body.type).toBe(9);
    const modal = first?.body.data as {
      custom_id: string;
      components: { components: { custom_id: string; value?: string }[] }[];
    };
    const fields = Object.fromEntries(
      modal.components.map((r) => [r.components[0]?.custom_id ?? '', r.components[0]?.value ?? '']),
    );
    expect(fields).toEqual({
      equity: '25000',
      baseCurrency: 'USD',
      maxRiskPct: '1',
      minRewardRisk: '2',
      strictness: 'low',
    });
    const edited = await discordEdit(
      modalSubmit(modal.custom_id, { ...fields, maxRiskPct: '40', strictness: 'high' }),
    );
    expect(JSON.stringify(edited)).toContain('max risk per trade is at most 10% of equity (got 40)');
    expect((await app.services.settings.forUser(DISCORD_USER)).version).toBe(1);
    const saved = await discordEdit(
      modalSubmit(modal.custom_id, { ...fields, maxRiskPct: '0.8', strictness: 'high' }),
    );
    expect(JSON.stringify(saved)).toContain('Settings saved');
    expect(await app.services.settings.forUser(DISCORD_USER)).toMatchObject({
      version: 2,
      values: { maxRiskPct: 0.8, strictness: 'high', equity: 25_000 },
    });
  });
});
