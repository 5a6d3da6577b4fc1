import type { Settings } from '../../accounts/index.js';

/**
 * The settings form in Slack and Discord: five fields (a Discord modal's limit), the rest by
 * text. The button carries the values shown, so a submission sends only what was changed, and
 * as `/buddy settings ...` text: a form value is checked exactly as a typed one.
 */
export const SETTINGS_FORM_FIELDS = [
  { key: 'equity', word: 'equity', label: 'Equity (account size)', placeholder: '25000' },
  { key: 'baseCurrency', word: 'currency', label: 'Base currency', placeholder: 'USD, EUR, GBP, ...' },
  {
    key: 'maxRiskPct',
    word: 'risk',
    label: 'Max risk per trade, % of equity',
    placeholder: '0.5 (at most 10)',
  },
  { key: 'minRewardRisk', word: 'rr', label: 'Min reward:risk', placeholder: '2' },
  {
    key: 'strictness',
    word: 'strictness',
    label: 'Strictness (least severe finding shown)',
    placeholder: 'low, medium or high',
  },
] as const;

export type SettingsFormKey = (typeof SETTINGS_FORM_FIELDS)[number]['key'];
export type SettingsFormValues = Partial<Record<SettingsFormKey, string>>;
export const SETTINGS_FORM_ACTION = 'settings-form';

/** The values the form shows, as the button's value: "25000|USD|0.5|2|low" (fits Discord's 100-character ids). */
export function settingsFormValue(settings: Settings): string {
  return SETTINGS_FORM_FIELDS.map((f) => String(settings[f.key])).join('|');
}

export function readSettingsFormValue(value: string): SettingsFormValues {
  const parts = value.split('|');
  return Object.fromEntries(SETTINGS_FORM_FIELDS.map((f, i) => [f.key, (parts[i] ?? '').slice(0, 50)]));
}

/** `settings risk 0.5 rr 2`: the fields that differ from what the form showed (none: show the settings). */
export function settingsFormText(submitted: SettingsFormValues, shown: SettingsFormValues): string {
  const changed = SETTINGS_FORM_FIELDS.flatMap((f) => {
    const value = (submitted[f.key] ?? '').trim().replace(/\s+/g, '');
    return value !== '' && value !== shown[f.key] ? [`${f.word} ${value}`] : [];
  });
  return ['settings', ...changed].join(' ');
}
