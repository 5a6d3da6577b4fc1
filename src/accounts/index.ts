export {
  type Caller,
  callerOf,
  canActAs,
  canRead,
  canReadTeam,
  canSetTeamDefaults,
  type Owner,
} from './caller.js';
export { createRateLimit, type RateLimit } from './rate-limits.js';
export { digest, looksLikeToken, newToken, TOKEN_PREFIX } from './secrets.js';
export { type AccountService, createAccountService } from './service.js';
export { createDataRights, type DataRights } from './data-rights.js';
export {
  applyChanges,
  createSettingsService,
  DISCLOSURE,
  labelOf,
  LIMITS,
  MODULE_IDS,
  NUDGE_SENSITIVITY,
  SETTING_KEYS,
  SETTING_LABELS,
  type SettingKey,
  type Settings,
  type SettingSource,
  type SettingsService,
  type SettingsView,
  resolveSettings,
  startupSettings,
  type TeamSettingsView,
} from './settings/index.js';
