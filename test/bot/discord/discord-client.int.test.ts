import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { createIntentLoader } from '../../../src/bot/commands/index.js';
import {
  createDiscordBot,
  registerDiscordCommands,
  type DiscordBot,
} from '../../../src/bot/discord/index.js';
import { textReply } from '../../../src/bot/types.js';
import { buildTestApp } from '../../helpers/app.js';
import { BACKENDS } from '../../helpers/databases.js';
import { APP_ID, buttonPress, chatInput, modalSubmit, snowflake } from '../../helpers/discord-payloads.js';
import {
  dispatchInteraction,
  startFakeDiscord,
  type DiscordCall,
  type FakeDiscord,
} from '../../helpers/fake-discord-server.js';

type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
const callback = (id: string) => (c: DiscordCall) => c.path.startsWith(`/interactions/${id}/`);
const original = (id: string) => (c: DiscordCall) =>
  c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/token-${id}/messages/@original`;
const embedsOf = (call: DiscordCall | undefined) => (call?.body.embeds ?? []) as Embed[];

describe.each(BACKENDS)('Discord client on $name', (backend) => {
  let app: App;
  let discord: FakeDiscord;
  let bot: DiscordBot;
  const evaluations = () => app.services.evaluations.countEvaluations();

  /** Dispatches the interaction, then returns its defer/modal callback and (when expected) the edit of @original. */
  async function run(data: { id: string }, expectEdit = true) {
    const started = Date.now();
    dispatchInteraction(bot.client, data);
    const [first] = await discord.waitFor(callback(data.id));
    const [edit] = expectEdit ? await discord.waitFor(original(data.id)) : [];
    return { first, edit, deferMs: (first?.at ?? 0) - started };
  }

  beforeAll(async () => {
    app = await buildTestApp(await backend.openDemo());
    discord = await startFakeDiscord();
    bot = createDiscordBot({
      conversation: app.conversation,
      loadIntent: createIntentLoader(app.services.evaluations),
      logger: pino({ level: 'silent' }),
      token: 'test.discord.token',
      apiUrl: discord.api,
    });
    bot.client.token = 'test.discord.token';
    bot.client.rest.setToken('test.discord.token');
  });
  afterAll(async () => {
    await bot.stop();
    await discord.close();
    await app.close();
  });

  it('when /evaluate arrives, then discord.js defers (type 5) at once and then edits @original with the report, mentions disabled', async () => {
    const before = await evaluations();
    const data = chatInput('evaluate', { idea: 'long SPX 2870 stop 2790 target 3050' });
    const { first, edit, deferMs } = await run(data);
    console.info(
      `discord: deferred ${deferMs} ms after dispatch; edited ${(edit?.at ?? 0) - (first?.at ?? 0)} ms after the defer`,
    );
    expect(first?.method).toBe('POST');
    expect(first?.body.type).toBe(5);
    expect(deferMs).toBeLessThan(3_000);
    expect(edit?.at ?? 0).toBeGreaterThanOrEqual(first?.at ?? Number.POSITIVE_INFINITY);
    expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
    expect(embedsOf(edit)[0]?.title).toBe('Buddy Report: long SPX');
    // The evaluation's chart (a local PNG) is attached to the edit and shown in the embed.
    expect(edit?.files).toEqual(['chart.png']);
    expect((embedsOf(edit)[0] as { image?: { url: string } }).image?.url).toBe('attachment://chart.png');
    const buttons = ((edit?.body.components ?? []) as { components: { custom_id: string }[] }[]).flatMap(
      (r) => r.components.map((b) => b.custom_id.split(':')[0]),
    );
    expect(buttons.sort()).toEqual(['details', 'edit', 'evaluate', 'save-journal']);
    expect(await evaluations()).toBe(before + 1);
  });

  it('when /journal add comes without the note, then the edited reply says what is missing and nothing runs', async () => {
    const { edit } = await run(chatInput('journal', { action: 'add' }));
    expect(JSON.stringify(embedsOf(edit))).toContain('needs the note');
  });

  it('when the same interaction is delivered twice (a gateway replay), then it is evaluated once', async () => {
    const before = await evaluations();
    const id = snowflake();
    await run(chatInput('evaluate', { idea: 'short FINA 40 stop 42 target 36' }, { id }));
    dispatchInteraction(
      bot.client,
      chatInput('evaluate', { idea: 'short FINA 40 stop 42 target 36' }, { id }),
    );
    await discord.waitFor(original(id), 2);
    expect(await evaluations()).toBe(before + 1);
  });

  it('when Edit is pressed, then a modal with the idea opens, and submitting it evaluates the edited idea', async () => {
    const user = '500000000000000777';
    const { edit } = await run(
      chatInput('evaluate', { idea: 'long TCHA 600 stop 570 target 660' }, { user }),
    );
    const editId =
      ((edit?.body.components ?? []) as { components: { custom_id: string }[] }[])
        .flatMap((r) => r.components)
        .find((b) => b.custom_id.startsWith('edit:'))?.custom_id ?? '';
    const press = buttonPress(editId, { user });
    const { first } = await run(press, false);
    expect(first?.body.type).toBe(9);
    const modal = first?.body.data as {
      custom_id: string;
      components: { components: { custom_id: string; value?: string }[] }[];
    };
    const fields = Object.fromEntries(
      modal.components.map((r) => [r.components[0]?.custom_id, r.components[0]?.value]),
    );
    expect(fields).toEqual({ symbol: 'TCHA', side: 'long', entry: '600', stop: '570', targets: '660' });

    const submitted = await run(
      modalSubmit(
        modal.custom_id,
        { ...fields, entry: '590', targets: '650, 680' } as Record<string, string>,
        { user },
      ),
    );
    expect(submitted.first?.body.type).toBe(5);
    const description = embedsOf(submitted.edit)[0]?.description ?? '';
    expect(description).toContain('LONG TCHA @ 590');
    expect(description).toContain('target 650 / 680');
  });

  it('when Re-evaluate is pressed, then the last idea of that conversation is evaluated again in an edited reply', async () => {
    const user = '500000000000000888';
    await run(chatInput('evaluate', { idea: 'long NRGA 50 stop 47 target 58' }, { user }));
    const before = await evaluations();
    const { first, edit } = await run(buttonPress('evaluate:x', { user }));
    expect(first?.body.type).toBe(5);
    expect(embedsOf(edit)[0]?.title).toBe('Buddy Report: long NRGA');
    expect(await evaluations()).toBe(before + 1);
  });

  it('when a daily summary is posted, then it goes to the channel through REST with mentions disabled', async () => {
    const result = await bot.summaryPoster.post(
      { platform: 'discord', workspace: 'g', channel: '700000000000000555' },
      textReply('Daily summary', 'Two trades closed. @everyone'),
    );
    const [post] = await discord.waitFor(
      (c) => c.method === 'POST' && c.path === '/channels/700000000000000555/messages',
    );
    expect(post?.body.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(post?.body)).not.toContain('@everyone');
    expect(result).toEqual({ messageId: expect.any(String) });
  });

  it.each([
    ['a guild', '600000000000000009', `/applications/${APP_ID}/guilds/600000000000000009/commands`],
    ['everywhere', undefined, `/applications/${APP_ID}/commands`],
  ])(
    'when the commands are registered for %s, then they are PUT to that route',
    async (_where, guildId, path) => {
      const result = await registerDiscordCommands({
        token: 'test.discord.token',
        applicationId: APP_ID,
        guildId,
        apiUrl: discord.api,
      });
      const [put] = await discord.waitFor((c) => c.method === 'PUT' && c.path === path);
      expect((put?.body as unknown as { name: string }[]).map((c) => c.name)).toEqual(result.names);
      expect(result.names).toContain('evaluate');
    },
  );
});
