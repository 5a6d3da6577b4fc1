import type { App, BlockButtonAction, types, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import {
  readSettingsFormValue,
  runCommand,
  SETTINGS_FORM_ACTION,
  SETTINGS_FORM_FIELDS,
  settingsFormText,
} from '../commands/index.js';
import type { Conversation } from '../conversation/index.js';
import type { Reply } from '../types.js';
import { modalTarget, type SlackTarget } from './inbound.js';

export const SETTINGS_CALLBACK_ID = 'buddy-settings';

/** From the button press to the submission (private_metadata): where to answer, and what the form showed. */
const MetaSchema = z.object({
  team: z.string().min(1).max(100),
  channel: z.string().min(1).max(100),
  thread: z.string().max(100),
  responseUrl: z.url().max(1_000).optional(),
  shown: z.string().max(500),
});
type Meta = z.infer<typeof MetaSchema>;

const StateSchema = z.record(
  z.string(),
  z.object({ value: z.object({ value: z.string().max(200).nullish() }) }),
);

/** The settings form: the five fields, filled with the values in force. */
export function settingsView(meta: Meta): types.ModalView {
  const shown = readSettingsFormValue(meta.shown);
  return {
    type: 'modal',
    callback_id: SETTINGS_CALLBACK_ID,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Your settings' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: SETTINGS_FORM_FIELDS.map(
      (field): types.InputBlock => ({
        type: 'input',
        block_id: field.key,
        optional: true,
        label: { type: 'plain_text', text: field.label },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          placeholder: { type: 'plain_text', text: field.placeholder },
          ...(shown[field.key] ? { initial_value: shown[field.key] } : {}),
        },
      }),
    ),
  };
}

function readSubmission(view: { private_metadata?: string; state?: unknown }) {
  let json: unknown;
  try {
    json = JSON.parse(view.private_metadata ?? '');
  } catch {
    return undefined;
  }
  const meta = MetaSchema.safeParse(json);
  const state = StateSchema.safeParse((view.state as { values?: unknown } | undefined)?.values);
  if (!meta.success || !state.success) return undefined;
  const submitted = Object.fromEntries(
    SETTINGS_FORM_FIELDS.map((f) => [f.key, state.data[f.key]?.value.value ?? '']),
  );
  return { meta: meta.data, text: settingsFormText(submitted, readSettingsFormValue(meta.data.shown)) };
}

/**
 * "Change settings" opens the form; saving it runs `/buddy settings ...` through the conversation
 * core with only the changed fields, so a bad value gets the same answer as typed text.
 */
export function registerSettingsForm(
  app: App,
  deps: {
    conversation: Conversation;
    answer: (target: SlackTarget, produce: () => Promise<Reply>) => Promise<void>;
    warn: (message: string) => void;
  },
): void {
  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: SETTINGS_FORM_ACTION },
    async ({ ack, body, action, client }) => {
      await ack();
      const channel = body.channel?.id;
      if (!channel) return;
      const thread: unknown = body.message?.['thread_ts'];
      await client.views.open({
        trigger_id: body.trigger_id,
        view: settingsView({
          team: body.team?.id ?? body.user.team_id ?? 'unknown',
          channel,
          thread: typeof thread === 'string' ? thread : '',
          responseUrl: body.response_url,
          shown: (action.value ?? '').slice(0, 500),
        }),
      });
    },
  );

  app.view<ViewSubmitAction>(SETTINGS_CALLBACK_ID, async ({ ack, body, view }) => {
    await ack();
    const submitted = readSubmission(view);
    if (!submitted) return deps.warn('slack settings submission could not be read');
    const { meta, text } = submitted;
    const target = modalTarget(meta);
    await deps.answer(target, () =>
      runCommand(deps.conversation, {
        platform: 'slack',
        workspace: meta.team,
        channel: meta.channel,
        thread: meta.thread,
        user: body.user.id,
        userName: body.user.name,
        command: 'buddy',
        text,
        deliveryId: `view:${view.id}:${view.hash}`,
      }),
    );
  });
}
