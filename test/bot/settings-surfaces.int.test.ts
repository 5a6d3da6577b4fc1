import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createIntentLoader } from '../../src/bot/commands/index.js';
import { createDiscordBot, type DiscordBot } from '../../src/bot/discord/index.js';
import { buildTestApp } from '../helpers/app.js';
import { BACKENDS } from '../helpers/databases.js';
import { APP_ID, chatInput, GUILD_ID } from '../helpers/discord-payloads.js';
import { dispatchInteraction, startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord-server.js';
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
  const inDiscord = async (options: Record<string, string>) => {
    const interaction = chatInput('buddy', options);
    dispatchInteraction(bot.client, interaction);
    const [edit] = await discord.waitFor(
      (c) =>
        c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/token-${interaction.id}/messages/@original`,
    );
    return JSON.stringify(edit?.body ?? {});
  };

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
});
