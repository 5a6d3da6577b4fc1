export { COMMAND_LIST, COMMANDS_BY_NAME } from './definitions.js';
export { runCommand } from './dispatch.js';
export { EDIT_FIELDS, editValuesOf, ideaText, type EditField, type EditValues } from './intent-text.js';
export { createIntentLoader, type IntentLoader } from './load-intent.js';
export type { Command, CommandDefinition, CommandOption } from './types.js';
export {
  readSettingsFormValue,
  SETTINGS_FORM_ACTION,
  SETTINGS_FORM_FIELDS,
  settingsFormText,
  settingsFormValue,
  type SettingsFormKey,
  type SettingsFormValues,
} from './settings-form.js';
