import type { UserRules } from '../../market/context/index.js';
import { SETTING_KEYS, SETTING_LABELS, type SettingKey, type Settings, SettingsSchema } from './schema.js';

/** Where an effective value comes from: the start-up defaults, the team's defaults, or the trader. */
export type SettingSource = 'default' | 'team' | 'own';

export interface ResolvedSettings {
  values: Settings;
  source: Record<SettingKey, SettingSource>;
}

/** A stored settings object, keys that no longer pass (renamed, tightened) dropped: they inherit. */
export function readStored(raw: Record<string, unknown> | undefined): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    if (raw?.[key] === undefined) continue;
    const parsed = SettingsSchema.shape[key].safeParse(raw[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as Partial<Settings>;
}

/** start-up defaults ← team defaults ← the trader's own, key by key, with where each came from. */
export function resolveSettings(
  startup: Settings,
  team: Partial<Settings> | undefined,
  own: Partial<Settings> | undefined,
): ResolvedSettings {
  const values = { ...startup } as Record<SettingKey, unknown>;
  const source = {} as Record<SettingKey, SettingSource>;
  for (const key of SETTING_KEYS) {
    source[key] = 'default';
    if (team?.[key] !== undefined) {
      values[key] = team[key];
      source[key] = 'team';
    }
    if (own?.[key] !== undefined) {
      values[key] = own[key];
      source[key] = 'own';
    }
  }
  return { values: values as Settings, source };
}

export type ChangeResult =
  | { ok: true; next: Partial<Settings>; changed: SettingKey[] }
  | { ok: false; problems: string[] };

const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value));

/**
 * Applies a change to stored settings (the trader's or a team's): each key set to a value, or to
 * null to inherit again. Any unknown key or bad value refuses the whole change, every problem
 * named; nothing is half applied.
 */
export function applyChanges(current: Partial<Settings>, changes: Record<string, unknown>): ChangeResult {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  const resets: SettingKey[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (!(SETTING_KEYS as string[]).includes(key)) {
      problems.push(`unknown setting "${key}": the settings are ${SETTING_KEYS.join(', ')}`);
    } else if (value === null) {
      resets.push(key as SettingKey);
    } else {
      values[key] = value;
    }
  }
  const parsed = SettingsSchema.partial().safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      const raw = typeof key === 'string' ? values[key] : undefined;
      const got =
        raw === undefined || Array.isArray(raw) || issue.message.includes(String(raw))
          ? ''
          : ` (got ${shown(raw)})`;
      problems.push(`${issue.message}${got}`);
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  if (Object.keys(changes).length === 0)
    return { ok: false, problems: [`name a setting to change: ${SETTING_KEYS.join(', ')}`] };
  const next: Record<string, unknown> = { ...current, ...parsed.data };
  for (const key of resets) delete next[key];
  return { ok: true, next: next as Partial<Settings>, changed: Object.keys(changes) as SettingKey[] };
}

/** The limits the evaluators read, from the effective settings. */
export function toUserRules(settings: Settings): UserRules {
  return {
    maxRiskPct: settings.maxRiskPct,
    minRewardRisk: settings.minRewardRisk,
    maxPositionPct: settings.maxPositionPct,
    requireStop: settings.requireStop,
    strictness: settings.strictness,
    dailyLossLimitPct: settings.dailyLossLimitPct,
    disabledModules: settings.disabledModules,
  };
}

/** "max risk per trade" for `maxRiskPct`: how a key is named in messages. */
export const labelOf = (key: SettingKey): string => SETTING_LABELS[key];
