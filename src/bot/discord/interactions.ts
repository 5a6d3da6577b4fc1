import {
  ComponentType,
  TextInputStyle,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import { toUserMessage } from '../../errors.js';
import {
  COMMANDS_BY_NAME,
  EDIT_FIELDS,
  editValuesOf,
  ideaText,
  runCommand,
  type EditValues,
  type IntentLoader,
} from '../commands/index.js';
import type { Conversation } from '../conversation/index.js';
import { textReply, type Inbound, type Reply } from '../types.js';
import type { WorkLimiter } from '../work-limiter.js';
import { editOptions } from './payload.js';
import { SETTINGS_MODAL_PREFIX, settingsModal, settingsSubmissionText } from './settings-modal.js';

export interface InteractionDeps {
  conversation: Conversation;
  loadIntent: IntentLoader;
  logger: Logger;
  /** Bounds the answers in progress; deferring never waits for it. */
  limiter: WorkLimiter;
  /** Waits for an evaluation's chart still drawing, to add it to the answer by an edit. */
  chartFor?: ChartFor;
}

export type ChartFor = (
  evaluationId: string,
) => Promise<{ path?: string | undefined; url: string; alt: string } | undefined>;

/** A modal holds at most five inputs: the price fields; size and timeframe carry over from the idea. */
const MODAL_FIELDS = EDIT_FIELDS.slice(0, 5);
const EDIT_PREFIX = 'edit:';

type Base = Omit<Inbound, 'text'>;
const baseOf = (i: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction): Base => ({
  platform: 'discord',
  workspace: i.guildId ?? 'dm',
  channel: i.channelId ?? `dm-${i.user.id}`,
  thread: '',
  user: i.user.id,
  userName: i.user.username,
  deliveryId: `interaction:${i.id}`,
});

/**
 * Defers within Discord's 3 s (the "thinking…" state), runs the conversation core, then edits
 * the deferred reply. The Edit button is the exception: a modal must be the first response.
 */
export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const finish = async (
    i: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
    produce: () => Promise<Reply>,
  ) => {
    let reply: Reply;
    try {
      reply = await deps.limiter.run(produce);
    } catch (error) {
      deps.logger.error({ err: error, interaction: i.id }, 'discord handler failed');
      reply = textReply('Something went wrong', toUserMessage(error), 'error');
    }
    await i.editReply(editOptions(reply));
    const follows = reply.chart?.follows;
    if (follows && deps.chartFor) {
      // After the limiter: the slot is free while the chart draws; the edit adds it to the same message.
      try {
        const chart = await deps.chartFor(follows);
        const alt = chart?.alt ?? 'The chart could not be drawn this time.';
        await i.editReply(editOptions({ ...reply, chart: chart ? { ...chart, alt } : { alt } }));
      } catch (error) {
        deps.logger.warn({ err: error, interaction: i.id }, 'discord late chart failed');
      }
    }
  };

  async function command(i: ChatInputCommandInteraction): Promise<void> {
    const definition = COMMANDS_BY_NAME.get(i.commandName);
    await i.deferReply();
    await finish(i, async () => {
      if (!definition)
        return textReply('Unknown command', `I do not know /${i.commandName}. Try /buddy help.`, 'error');
      const raw = Object.fromEntries(i.options.data.map((o) => [o.name, o.value]));
      const text = definition.textFromOptions(raw);
      if (!text.ok)
        return {
          ...textReply(`/${definition.name} needs a fix`, `Usage: ${definition.usage}`, 'error'),
          sections: text.problems.map((p) => ({ text: `• ${p}` })),
        };
      return runCommand(deps.conversation, { ...baseOf(i), command: definition.name, text: text.text });
    });
  }

  async function button(i: ButtonInteraction): Promise<void> {
    const split = i.customId.indexOf(':');
    const id = split < 0 ? i.customId : i.customId.slice(0, split);
    const value = split < 0 ? '' : i.customId.slice(split + 1);
    if (id === 'settings-form') return i.showModal(settingsModal(value));
    // Edit on a Buddy Report opens a form; anything else called Edit (a brainstorm draft) goes to the core.
    if (id === 'edit') {
      const intent = await deps.loadIntent(value);
      if (intent) {
        const current = editValuesOf(intent);
        await i.showModal({
          custom_id: `${EDIT_PREFIX}${value}`,
          title: 'Edit trade idea',
          components: MODAL_FIELDS.map((f) => ({
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.TextInput,
                custom_id: f.key,
                label: f.label,
                style: TextInputStyle.Short,
                required: !['stop', 'targets'].includes(f.key),
                placeholder: f.placeholder.slice(0, 100),
                ...(current[f.key] ? { value: current[f.key] } : {}),
              },
            ],
          })),
        });
        return;
      }
    }
    await i.deferReply();
    await finish(i, () => deps.conversation.handle({ ...baseOf(i), text: '', action: { id, value } }));
  }

  async function modal(i: ModalSubmitInteraction): Promise<void> {
    if (i.customId.startsWith(SETTINGS_MODAL_PREFIX)) {
      await i.deferReply();
      return finish(i, () =>
        runCommand(deps.conversation, { ...baseOf(i), command: 'buddy', text: settingsSubmissionText(i) }),
      );
    }
    if (!i.customId.startsWith(EDIT_PREFIX)) return;
    await i.deferReply();
    await finish(i, async () => {
      const intent = await deps.loadIntent(i.customId.slice(EDIT_PREFIX.length));
      if (!intent)
        return textReply(
          'Nothing to edit',
          'I cannot find that idea any more. Type it again with /evaluate.',
          'error',
        );
      const edits: EditValues = {};
      for (const f of MODAL_FIELDS) {
        const field = i.fields.fields.get(f.key);
        if (field && 'value' in field && typeof field.value === 'string')
          edits[f.key] = field.value.slice(0, 200);
      }
      return runCommand(deps.conversation, {
        ...baseOf(i),
        command: 'evaluate',
        text: ideaText(intent, edits),
      });
    });
  }

  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) await command(interaction);
      else if (interaction.isButton()) await button(interaction);
      else if (interaction.isModalSubmit()) await modal(interaction);
    } catch (error) {
      // Usually an expired or already-answered interaction: nothing more can be sent to it.
      deps.logger.error({ err: error, interaction: interaction.id }, 'discord interaction failed');
    }
  };
}
