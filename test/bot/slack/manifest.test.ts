import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMAND_LIST } from '../../../src/bot/commands/index.js';
import { SLACK_EVENTS_PATH } from '../../../src/bot/slack/index.js';

interface Manifest {
  features: {
    slash_commands: { command: string; url: string; description: string; usage_hint?: string }[];
    bot_user: { display_name: string };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

const manifest = parse(
  readFileSync(new URL('../../../slack-app-manifest.yaml', import.meta.url), 'utf8'),
) as Manifest;

describe('slack-app-manifest.yaml', () => {
  it('when the app is created from the manifest, then it has exactly the commands the code defines', () => {
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(
      COMMAND_LIST.map((c) => `/${c.name}`),
    );
  });

  it('when Slack posts commands, events and interactions, then they all go to the one path the app serves', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it.each([
    ['app_mention', 'app_mentions:read'],
    ['message.im', 'im:history'],
    ['message.channels', 'channels:history'],
    ['message.groups', 'groups:history'],
  ])('when the app listens to %s, then it asks for %s', (event, scope) => {
    expect(manifest.settings.event_subscriptions.bot_events).toContain(event);
    expect(manifest.oauth_config.scopes.bot).toContain(scope);
  });

  it('when Slack shows the commands, then descriptions and hints fit its limits (100 / 1,000 characters)', () => {
    for (const c of manifest.features.slash_commands) {
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1_000);
    }
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['chat:write', 'commands', 'files:write']),
    );
  });
});
