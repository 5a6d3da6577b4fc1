export {
  applyChanges,
  type ChangeResult,
  labelOf,
  readStored,
  type ResolvedSettings,
  resolveSettings,
  type SettingSource,
  toUserRules,
} from './merge.js';
export {
  DISCLOSURE,
  LIMITS,
  MODULE_IDS,
  NUDGE_SENSITIVITY,
  SETTING_KEYS,
  SETTING_LABELS,
  type SettingKey,
  type Settings,
  SettingsSchema,
  startupSettings,
} from './schema.js';
export {
  createSettingsService,
  type SettingsService,
  type SettingsView,
  type TeamSettingsView,
} from './service.js';
