import { type SettingKey, SETTING_KEYS } from '../../accounts/index.js';
import { parseAmount } from './numbers.js';

/** What `/buddy settings ...` or "set my max risk to 0.5%" asks for. */
export type SettingsCommand =
  | { kind: 'show'; scope: 'own' | 'team' }
  | { kind: 'history' }
  | {
      kind: 'change';
      scope: 'own' | 'team';
      /** Values as typed, checked by the settings core; null = inherit again. */
      changes: Record<string, unknown>;
      /** Modules to switch off and on, applied to the current list by the caller. */
      modules: { off: string[]; on: string[] };
    }
  | { kind: 'error'; message: string };

type Target = SettingKey | 'modulesOff' | 'modulesOn';

/** Words traders use for each setting; the longest match wins. */
const ALIASES: Record<Target, string[]> = {
  equity: ['account size', 'account', 'equity', 'balance', 'capital'],
  baseCurrency: ['base currency', 'currency'],
  maxRiskPct: [
    'max risk per trade',
    'maximum risk per trade',
    'risk per trade',
    'max risk',
    'maximum risk',
    'risk',
  ],
  dailyLossLimitPct: ['daily loss limit', 'max daily loss', 'daily loss', 'daily limit', 'loss limit'],
  minRewardRisk: [
    'min reward:risk',
    'minimum reward:risk',
    'min reward risk',
    'min reward to risk',
    'reward:risk',
    'reward risk',
    'reward to risk',
    'min r:r',
    'min rr',
    'minimum rr',
    'r:r',
    'rr',
  ],
  maxPositionPct: ['max position size', 'max position', 'maximum position', 'position size', 'position cap'],
  requireStop: ['stop required', 'require stop', 'require a stop', 'stop'],
  strictness: ['strictness', 'strict'],
  nudgeSensitivity: ['nudge sensitivity', 'nudges', 'nudge'],
  disclosure: ['disclosure', 'team channels', 'team channel'],
  disabledModules: [],
  modulesOff: ['modules off', 'module off', 'disable', 'switch off', 'turn off'],
  modulesOn: ['modules on', 'module on', 'enable', 'switch on', 'turn on'],
};

const PHRASES = Object.entries(ALIASES)
  .flatMap(([target, words]) =>
    [...words, ...(SETTING_KEYS.includes(target as SettingKey) ? [target.toLowerCase()] : [])].map((w) => ({
      target: target as Target,
      words: w,
    })),
  )
  .sort((a, b) => b.words.length - a.words.length);

export const SETTINGS_NAMES =
  'equity, currency, max risk, daily loss limit, min rr, max position, stop required, strictness, nudges, modules off/on, disclosure';

const YES = new Set(['yes', 'on', 'true', 'required', 'y']);
const NO = new Set(['no', 'off', 'false', 'optional', 'n']);

/** A signed number as typed: 0.5, 0.5%, 25k, $25,000, 2R, 2:1, -5. */
function numberOf(text: string): number | undefined {
  const cleaned = text.replace(/\s*(%|pct|percent|r|:1)$/i, '').replace(/^\$/, '');
  const negative = cleaned.startsWith('-');
  const value = parseAmount(negative ? cleaned.slice(1) : cleaned);
  return value === undefined ? undefined : negative ? -value : value;
}

function valueOf(target: Target, raw: string): { value: unknown } | { error: string } {
  const text = raw.trim();
  if (text === '')
    return {
      error: `give a value for ${target === 'modulesOff' || target === 'modulesOn' ? 'modules' : target}`,
    };
  if (target === 'requireStop') {
    if (YES.has(text)) return { value: true };
    if (NO.has(text)) return { value: false };
    return { error: `stop required is yes or no, not "${text}"` };
  }
  if (
    target === 'baseCurrency' ||
    target === 'strictness' ||
    target === 'nudgeSensitivity' ||
    target === 'disclosure'
  )
    return { value: target === 'baseCurrency' ? text.toUpperCase() : text };
  if (target === 'modulesOff' || target === 'modulesOn' || target === 'disabledModules')
    return { value: text.split(/[\s,]+/).filter(Boolean) };
  const amount = numberOf(text.replace(/\s+[a-z]{3}$/i, ''));
  if (amount === undefined) return { error: `"${text}" is not a number (e.g. 0.5%, 25k, 2R)` };
  return { value: amount };
}

/**
 * The words of a clause that are this setting's value, and the rest: one word (an amount may
 * carry a currency, "25k EUR"), or for module lists and resets everything up to the next setting.
 */
function takeValue(target: Target, text: string, reset: boolean): { value: string; rest: string } {
  const words = text.split(/\s+/).filter(Boolean);
  if (reset || target === 'modulesOff' || target === 'modulesOn') {
    const next = words.findIndex((w, i) => i > 0 && split(words.slice(i).join(' ')) !== undefined);
    const cut = reset ? 0 : next > 0 ? next : words.length;
    return { value: words.slice(0, cut).join(' '), rest: words.slice(cut).join(' ') };
  }
  const cut =
    target === 'equity' && /^[a-z]{3}$/i.test(words[1] ?? '') && split(words.slice(1).join(' ')) === undefined
      ? 2
      : 1;
  return { value: words.slice(0, cut).join(' '), rest: words.slice(cut).join(' ') };
}

/** The clause's setting and the rest after "to", "=", "is" or ":". */
function split(clause: string): { target: Target; rest: string } | undefined {
  for (const { target, words } of PHRASES) {
    if (!clause.startsWith(words)) continue;
    const after = clause.slice(words.length);
    if (after === '' || /^[\s=:]/.test(after))
      return { target, rest: after.replace(/^\s*(to|=|is|at|:)?\s*/, '') };
  }
  return undefined;
}

/** Parses what follows `/buddy settings`, or a plain sentence such as "set my max risk to 0.5%". */
export function parseSettingsCommand(input: string): SettingsCommand {
  let text = input
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  text = text.replace(/^\/?buddy\s+/, '').replace(/^settings?\b\s*/, '');
  let scope: 'own' | 'team' = 'own';
  if (/^team\b/.test(text)) {
    scope = 'team';
    text = text.replace(/^team\b\s*/, '');
  }
  if (text === '' || text === 'show') return { kind: 'show', scope };
  if (text === 'history' && scope === 'own') return { kind: 'history' };
  text = text.replace(/^(please\s+)?(set|change|update|make)\s+/, '').replace(/^(my|our|the)\s+/, '');
  const changes: Record<string, unknown> = {};
  const modules = { off: [] as string[], on: [] as string[] };
  const resets = /^reset\s+(.+)$/.exec(text);
  const clauses = (resets?.[1] ?? text).split(/\s*;\s*|\s+and\s+(?:my\s+)?|,\s+(?=[a-z])/).filter(Boolean);
  let last: Target | undefined;
  for (let clause = clauses.shift(); clause !== undefined; clause = clauses.shift()) {
    const found = split(clause.replace(/^(my|the)\s+/, ''));
    if (!found) {
      if (last === 'modulesOff' || last === 'modulesOn') {
        const more = takeValue(last, clause, false);
        (last === 'modulesOff' ? modules.off : modules.on).push(
          ...more.value.split(/[\s,]+/).filter(Boolean),
        );
        if (more.rest) clauses.unshift(more.rest);
        continue;
      }
      return {
        kind: 'error',
        message: `I do not know the setting "${clause.split(/\s+/).slice(0, 3).join(' ')}". The settings are ${SETTINGS_NAMES}; e.g. \`/buddy settings risk 0.5%\`.`,
      };
    }
    last = found.target;
    const { value: typed, rest } = takeValue(found.target, found.rest, Boolean(resets));
    // "risk 0.5% rr 2": what follows the value is the next setting.
    if (rest) clauses.unshift(rest);
    if (resets) {
      if (found.target === 'modulesOff' || found.target === 'modulesOn') changes.disabledModules = null;
      else changes[found.target] = null;
      continue;
    }
    const parsed = valueOf(found.target, typed);
    if ('error' in parsed) return { kind: 'error', message: `Nothing changed: ${parsed.error}.` };
    if (found.target === 'modulesOff') modules.off.push(...(parsed.value as string[]));
    else if (found.target === 'modulesOn') modules.on.push(...(parsed.value as string[]));
    else changes[found.target] = parsed.value;
    // "25k EUR": the account size and its currency in one go.
    const currency = /\s([a-z]{3})$/i.exec(typed)?.[1];
    if (found.target === 'equity' && currency) changes.baseCurrency = currency.toUpperCase();
  }
  return { kind: 'change', scope, changes, modules };
}

/**
 * Plain text that changes a setting rather than describing a trade: "set my max risk to 0.5%",
 * "change my currency to EUR", "my account is 25k".
 */
export function looksLikeSettingsText(text: string): boolean {
  const t = text.trim().toLowerCase();
  if (/^(my\s+)?settings$/.test(t)) return true;
  if (/^my\s+(account(\s+size)?|equity|balance|capital)\s+(is|=)\s/.test(t)) return true;
  const set = /^(please\s+)?(set|change|update)\s+my\s+(.+)$/.exec(t);
  if (!set?.[3]) return false;
  const found = split(set[3]);
  // "set my stop to 570" moves a stop, it does not change the stop-required setting.
  return found !== undefined && found.target !== 'requireStop';
}
