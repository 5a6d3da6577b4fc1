import type { SlashCommand, types } from '@slack/bolt';
import type { Inbound } from '../types.js';

/** Where an answer goes: a thread or the channel root, through chat.postMessage or a response_url. */
export interface SlackTarget {
  channel: string;
  thread?: string | undefined;
  responseUrl?: string | undefined;
}

/** Where a modal's answer goes: the thread it was opened from, else the response_url it carried. */
export function modalTarget(meta: {
  channel: string;
  thread: string;
  responseUrl?: string | undefined;
}): SlackTarget {
  return meta.thread
    ? { channel: meta.channel, thread: meta.thread }
    : { channel: meta.channel, responseUrl: meta.responseUrl };
}

/**
 * Slack sends message text with &, < and > escaped, links as <url|label> and mentions as <@U1>.
 * The core gets what the trader typed: entities decoded, links as their label, the bot's own
 * mention removed (mentions of others stay; renderers neutralise them on the way out).
 */
export function textFromSlack(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.split(`<@${botUserId}>`).join(' ');
  out = out.replace(
    /<((?:https?|mailto):[^>|]+)(?:\|([^>]*))?>/g,
    (_m, url: string, label: string | undefined) => label ?? url,
  );
  return out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

export function slashInbound(command: SlashCommand, name: string): Inbound & { command: string } {
  return {
    platform: 'slack',
    workspace: command.team_id,
    channel: command.channel_id,
    thread: '',
    user: command.user_id,
    userName: command.user_name,
    command: name,
    text: textFromSlack(command.text),
    deliveryId: `slash:${command.trigger_id}`,
  };
}

/**
 * A message the buddy should answer, or undefined: DMs always; in channels only replies in a
 * thread the bot started (mentions arrive as app_mention and are handled there).
 */
export function messageInbound(
  message: types.GenericMessageEvent,
  meta: { teamId: string; botUserId: string | undefined; eventId: string },
): { inbound: Inbound; target: SlackTarget } | undefined {
  if (!message.user || message.bot_id || !message.text) return undefined;
  const direct = message.channel_type === 'im';
  const inBotThread = Boolean(
    message.thread_ts && meta.botUserId && message.parent_user_id === meta.botUserId,
  );
  const mentionsBot = Boolean(meta.botUserId && message.text.includes(`<@${meta.botUserId}>`));
  if (!direct && (!inBotThread || mentionsBot)) return undefined;
  const thread = message.thread_ts ?? '';
  return {
    inbound: {
      platform: 'slack',
      workspace: meta.teamId,
      channel: message.channel,
      thread,
      user: message.user,
      text: textFromSlack(message.text, meta.botUserId),
      deliveryId: `event:${meta.eventId}`,
    },
    target: { channel: message.channel, thread: thread || undefined },
  };
}

export function mentionInbound(
  event: {
    user?: string | undefined;
    text: string;
    ts: string;
    thread_ts?: string | undefined;
    channel: string;
  },
  meta: { teamId: string; botUserId: string | undefined; eventId: string },
): { inbound: Inbound; target: SlackTarget } | undefined {
  if (!event.user) return undefined;
  // A mention at the channel root starts a thread: the answer and the rest of the conversation live there.
  const thread = event.thread_ts ?? event.ts;
  return {
    inbound: {
      platform: 'slack',
      workspace: meta.teamId,
      channel: event.channel,
      thread,
      user: event.user,
      text: textFromSlack(event.text, meta.botUserId),
      deliveryId: `event:${meta.eventId}`,
    },
    target: { channel: event.channel, thread },
  };
}

/** The parts of a block_actions payload the adapter reads. */
export interface ButtonPress {
  teamId: string;
  userId: string;
  userName?: string | undefined;
  channel: string | undefined;
  messageThread: string | undefined;
  responseUrl: string | undefined;
  triggerId: string;
  actionId: string;
  value: string;
}

export function buttonInbound(press: ButtonPress & { channel: string }): {
  inbound: Inbound;
  target: SlackTarget;
} {
  const thread = press.messageThread ?? '';
  return {
    inbound: {
      platform: 'slack',
      workspace: press.teamId,
      channel: press.channel,
      thread,
      user: press.userId,
      userName: press.userName,
      text: '',
      action: { id: press.actionId, value: press.value },
      deliveryId: `action:${press.triggerId}`,
    },
    // A message in a thread is answered in the thread; at the root, through the response_url (works where the bot is not a member).
    target: thread
      ? { channel: press.channel, thread }
      : { channel: press.channel, responseUrl: press.responseUrl },
  };
}
