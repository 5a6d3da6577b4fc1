import { messageJson } from './fake-discord-server.js';

/** Raw INTERACTION_CREATE `d` payloads, shaped as Discord's gateway sends them (ids are snowflakes). */
export const APP_ID = '800000000000000001';
export const GUILD_ID = '600000000000000001';
export const CHANNEL_ID = '700000000000000001';

let next = 1_100_000_000_000_000_000n;
export const snowflake = () => String((next += 1n));

function common(id: string, userId: string) {
  return {
    id,
    application_id: APP_ID,
    token: `token-${id}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'trading' },
    member: {
      user: {
        id: userId,
        username: `trader${userId.slice(-3)}`,
        discriminator: '0',
        avatar: null,
        global_name: null,
      },
      roles: [],
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      permissions: '0',
      flags: 0,
    },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    attachment_size_limit: 8_388_608,
  };
}

export function chatInput(
  name: string,
  options: Record<string, string>,
  ids: { id?: string; user?: string } = {},
) {
  return {
    ...common(ids.id ?? snowflake(), ids.user ?? '500000000000000001'),
    type: 2,
    data: {
      id: '910000000000000001',
      name,
      type: 1,
      options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })),
    },
  };
}

export function buttonPress(customId: string, ids: { id?: string; user?: string } = {}) {
  return {
    ...common(ids.id ?? snowflake(), ids.user ?? '500000000000000001'),
    type: 3,
    data: { custom_id: customId, component_type: 2 },
    message: messageJson(snowflake(), CHANNEL_ID),
  };
}

export function modalSubmit(
  customId: string,
  values: Record<string, string>,
  ids: { id?: string; user?: string } = {},
) {
  return {
    ...common(ids.id ?? snowflake(), ids.user ?? '500000000000000001'),
    type: 5,
    data: {
      custom_id: customId,
      components: Object.entries(values).map(([key, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: key, value }],
      })),
    },
  };
}
