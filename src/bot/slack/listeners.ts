import type { App, BlockButtonAction, ViewSubmitAction } from '@slack/bolt';
import type { Logger } from 'pino';
import { toUserMessage } from '../../errors.js';
import { COMMAND_LIST, ideaText, runCommand, type IntentLoader } from '../commands/index.js';
import type { Conversation } from '../conversation/index.js';
import { textReply, type Reply } from '../types.js';
import type { WorkLimiter } from '../work-limiter.js';
import { EDIT_CALLBACK_ID, editView, readEditSubmission } from './edit-modal.js';
import {
  buttonInbound,
  mentionInbound,
  messageInbound,
  modalTarget,
  slashInbound,
  type SlackTarget,
} from './inbound.js';
import type { SlackPoster } from './poster.js';
import { registerSettingsForm } from './settings-modal.js';

export interface SlackListenerDeps {
  conversation: Conversation;
  poster: SlackPoster;
  loadIntent: IntentLoader;
  logger: Logger;
  /** Bounds the answers in progress, so acknowledgements are not starved. */
  limiter: WorkLimiter;
}

/**
 * Every listener acknowledges first (Slack wants an answer within 3 s) and only then does the
 * slow part: the conversation core, then the post. Nothing here knows about trading.
 */
export function registerSlackListeners(app: App, deps: SlackListenerDeps): void {
  const answer = async (target: SlackTarget, produce: () => Promise<Reply>) => {
    let reply: Reply;
    try {
      reply = await deps.limiter.run(produce);
    } catch (error) {
      deps.logger.error({ err: error, channel: target.channel }, 'slack handler failed');
      reply = textReply('Something went wrong', toUserMessage(error), 'error');
    }
    await deps.poster
      .deliver(target, reply)
      .catch((error: unknown) =>
        deps.logger.error({ err: error, channel: target.channel }, 'slack post failed'),
      );
  };

  for (const command of COMMAND_LIST) {
    app.command(`/${command.name}`, async ({ command: payload, ack }) => {
      await ack();
      const inbound = slashInbound(payload, command.name);
      await answer({ channel: payload.channel_id, responseUrl: payload.response_url }, () =>
        runCommand(deps.conversation, inbound),
      );
    });
  }

  app.event('app_mention', async ({ event, body, context }) => {
    const mapped = mentionInbound(event, {
      teamId: body.team_id,
      botUserId: context.botUserId,
      eventId: body.event_id,
    });
    if (mapped) await answer(mapped.target, () => deps.conversation.handle(mapped.inbound));
  });

  app.message(async ({ message, body, context }) => {
    if (message.subtype !== undefined) return;
    const mapped = messageInbound(message, {
      teamId: body.team_id,
      botUserId: context.botUserId,
      eventId: body.event_id,
    });
    if (mapped) await answer(mapped.target, () => deps.conversation.handle(mapped.inbound));
  });

  /** A button the conversation core answers (its ACTIONS map decides what each one does). */
  const pressed = async (body: BlockButtonAction, action: BlockButtonAction['actions'][number]) => {
    const channel = body.channel?.id;
    if (!channel) return;
    const mapped = buttonInbound({
      teamId: body.team?.id ?? body.user.team_id ?? 'unknown',
      userId: body.user.id,
      userName: body.user.name,
      channel,
      messageThread: threadOf(body),
      responseUrl: body.response_url,
      triggerId: body.trigger_id,
      actionId: action.action_id,
      value: action.value ?? '',
    });
    await answer(mapped.target, () => deps.conversation.handle(mapped.inbound));
  };

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: /^(evaluate|save-journal|cancel|details)$/ },
    async ({ ack, body, action }) => {
      await ack();
      await pressed(body, action);
    },
  );

  // Edit on a Buddy Report opens a form with the idea's fields; anything else called Edit (a
  // brainstorm draft, an idea no longer stored) goes to the conversation core like other buttons.
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: 'edit' },
    async ({ ack, body, action, client }) => {
      await ack();
      const channel = body.channel?.id;
      const intent = channel ? await deps.loadIntent(action.value ?? '') : undefined;
      if (!channel || !intent) return pressed(body, action);
      // trigger_id expires 3 s after the click: open the modal before anything slow.
      await client.views.open({
        trigger_id: body.trigger_id,
        view: editView(intent, {
          intentId: action.value ?? '',
          team: body.team?.id ?? body.user.team_id ?? 'unknown',
          channel,
          thread: threadOf(body) ?? '',
          responseUrl: body.response_url,
        }),
      });
    },
  );

  registerSettingsForm(app, {
    conversation: deps.conversation,
    answer,
    warn: (message) => deps.logger.warn(message),
  });

  app.view<ViewSubmitAction>(EDIT_CALLBACK_ID, async ({ ack, body, view }) => {
    await ack();
    const submitted = readEditSubmission(view);
    if (!submitted) {
      deps.logger.warn({ viewId: view.id }, 'slack edit submission could not be read');
      return;
    }
    const { meta, edits } = submitted;
    const target = modalTarget(meta);
    await answer(target, async () => {
      const intent = await deps.loadIntent(meta.intentId);
      if (!intent)
        return textReply('Nothing to edit', 'I cannot find that idea any more. Type it again.', 'error');
      return runCommand(deps.conversation, {
        platform: 'slack',
        workspace: meta.team,
        channel: meta.channel,
        thread: meta.thread,
        user: body.user.id,
        userName: body.user.name,
        command: 'evaluate',
        text: ideaText(intent, edits),
        deliveryId: `view:${view.id}:${view.hash}`,
      });
    });
  });
}

/** Bolt types the clicked message as `any`-valued fields: read the one we need as a string. */
function threadOf(body: BlockButtonAction): string | undefined {
  const thread: unknown = body.message?.['thread_ts'];
  return typeof thread === 'string' ? thread : undefined;
}
