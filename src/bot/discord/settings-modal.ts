import { ComponentType, TextInputStyle, type ModalSubmitInteraction } from 'discord.js';
import {
  readSettingsFormValue,
  SETTINGS_FORM_ACTION,
  SETTINGS_FORM_FIELDS,
  settingsFormText,
} from '../commands/index.js';

/** The modal's id carries what the form showed ("settings-form:25000|USD|0.5|2|low"), as the button's did. */
export const SETTINGS_MODAL_PREFIX = `${SETTINGS_FORM_ACTION}:`;

/** The settings form: five inputs (Discord's limit), filled with the values in force. */
export function settingsModal(shownValue: string) {
  const shown = readSettingsFormValue(shownValue);
  return {
    custom_id: `${SETTINGS_MODAL_PREFIX}${shownValue}`.slice(0, 100),
    title: 'Your settings',
    components: SETTINGS_FORM_FIELDS.map((f) => ({
      type: ComponentType.ActionRow as const,
      components: [
        {
          type: ComponentType.TextInput as const,
          custom_id: f.key,
          label: f.label.slice(0, 45),
          style: TextInputStyle.Short,
          required: false,
          placeholder: f.placeholder,
          max_length: 50,
          ...(shown[f.key] ? { value: shown[f.key] } : {}),
        },
      ],
    })),
  };
}

/** `settings risk 0.5 ...`: the submitted fields that differ from what the form showed. */
export function settingsSubmissionText(i: ModalSubmitInteraction): string {
  const submitted = Object.fromEntries(
    SETTINGS_FORM_FIELDS.map((f) => {
      const field = i.fields.fields.get(f.key);
      return [
        f.key,
        field && 'value' in field && typeof field.value === 'string' ? field.value.slice(0, 50) : '',
      ];
    }),
  );
  return settingsFormText(submitted, readSettingsFormValue(i.customId.slice(SETTINGS_MODAL_PREFIX.length)));
}
