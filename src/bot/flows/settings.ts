import {
  canSetTeamDefaults,
  DISCLOSURE,
  LIMITS,
  MODULE_IDS,
  NUDGE_SENSITIVITY,
  SETTING_KEYS,
  SETTING_LABELS,
  type SettingKey,
  type Settings,
  type SettingSource,
  type TeamSettingsView,
} from '../../accounts/index.js';
import { isAppError } from '../../errors.js';
import { STRICTNESS } from '../../market/context/index.js';
import { settingsFormValue } from '../commands/settings-form.js';
import { parseSettingsCommand } from '../parsing/index.js';
import { textReply, type Reply } from '../types.js';
import type { Flow, FlowContext, FlowResult } from './types.js';

export const SETTINGS_USAGE =
  '`/buddy settings` shows yours · `/buddy settings risk 0.5% rr 2` or "set my max risk to 0.5%" changes them · `/buddy settings reset risk` inherits again · `/buddy settings history` · `/buddy settings team risk 0.75%` (team leads)';

const SOURCE_NOTE: Record<SettingSource, string> = { default: 'default', team: 'team', own: 'yours' };

/** "0.5%", "25,000 USD", "2R", "yes": a value as a trader reads it. */
export function formatSetting(key: SettingKey, settings: Settings): string {
  const value = settings[key];
  switch (key) {
    case 'equity':
      return `${settings.equity.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${settings.baseCurrency}`;
    case 'maxRiskPct':
    case 'dailyLossLimitPct':
      return `${String(value)}% of equity`;
    case 'maxPositionPct':
      return `${settings.maxPositionPct}% of equity`;
    case 'minRewardRisk':
      return `${settings.minRewardRisk}R`;
    case 'requireStop':
      return settings.requireStop ? 'yes' : 'no';
    case 'disabledModules':
      return settings.disabledModules.length
        ? settings.disabledModules.join(', ')
        : 'none (every module runs)';
    default:
      return String(value);
  }
}

const ACCEPTED = [
  `max risk above 0% and up to ${LIMITS.maxRiskPct.max}%`,
  `min reward:risk ${LIMITS.minRewardRisk.min}R to ${LIMITS.minRewardRisk.max}R`,
  `strictness ${STRICTNESS.join('/')} (the least severe finding shown)`,
  `nudges ${NUDGE_SENSITIVITY.join('/')}`,
  `disclosure ${DISCLOSURE.join('/')} (what goes to team channels)`,
  `modules ${MODULE_IDS.join(', ')}`,
].join(' · ');

function lines(values: Settings, source?: Record<SettingKey, SettingSource>, only?: Partial<Settings>) {
  return SETTING_KEYS.filter((k) => k !== 'baseCurrency')
    .map((key) => {
      const note = source
        ? ` (${SOURCE_NOTE[source[key]]})`
        : only && only[key] === undefined
          ? ' (default)'
          : '';
      return `• ${SETTING_LABELS[key]}: ${formatSetting(key, values)}${note}`;
    })
    .join('\n');
}

async function show(ctx: FlowContext, title?: string): Promise<Reply> {
  const view = await ctx.services.settings.forUser(ctx.userId);
  return {
    ...textReply(
      title ?? 'Your settings',
      `Every check uses these. Rules version ${view.version}${view.teamVersion ? ` · team defaults version ${view.teamVersion}` : ''}.`,
    ),
    sections: [
      { heading: 'In force', text: lines(view.values, view.source) },
      { heading: 'Change them', text: SETTINGS_USAGE },
    ],
    // Slack and Discord open a form from it; elsewhere the text commands above do the same.
    buttons: [{ id: 'settings-form', label: 'Change settings', value: settingsFormValue(view.values) }],
  };
}

function teamReply(view: TeamSettingsView, title: string): Reply {
  return {
    ...textReply(
      title,
      `Defaults for ${view.teamId}: members inherit them until they set their own. Version ${view.version}.`,
    ),
    sections: [{ heading: 'Team defaults', text: lines(view.values, undefined, view.team) }],
  };
}

function refused(text: string): FlowResult {
  return {
    reply: {
      ...textReply('Settings not changed', text, 'error'),
      sections: [{ heading: 'Accepted', text: ACCEPTED }],
    },
  };
}

/** The modules switched off after "modules off X" / "modules on Y", from the list in force. */
function moduleList(current: readonly string[], modules: { off: string[]; on: string[] }): string[] {
  return [...new Set([...current, ...modules.off])].filter((id) => !modules.on.includes(id));
}

async function history(ctx: FlowContext): Promise<FlowResult> {
  const rows = await ctx.services.settings.history(ctx.userId, 10);
  const text = rows.length
    ? rows
        .map((r) => {
          const keys = Object.keys(r.rules);
          return `• v${r.version} · ${r.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · ${keys.length ? keys.map((k) => SETTING_LABELS[k as SettingKey] ?? k).join(', ') : 'everything inherited'}`;
        })
        .join('\n')
    : 'You have not changed any setting yet: the defaults apply.';
  return { reply: textReply('Settings history', text) };
}

async function changeTeam(
  ctx: FlowContext,
  changes: Record<string, unknown>,
  modules: { off: string[]; on: string[] },
) {
  const account = await ctx.services.users.getUser(ctx.userId);
  const teamId = account?.teamId;
  if (!account || !teamId) return refused('You are not in a team, so there are no team defaults to change.');
  const caller = { userId: ctx.userId, role: account.role, teamId, via: 'platform' as const };
  if (!canSetTeamDefaults(caller, teamId))
    return refused(
      "Only your team's lead or an admin can change the team defaults. Your own: `/buddy settings risk 0.5%`.",
    );
  const current = await ctx.services.settings.forTeam(teamId);
  if (modules.off.length || modules.on.length)
    changes.disabledModules = moduleList(current?.values.disabledModules ?? [], modules);
  const view = await ctx.services.settings.updateTeam(teamId, changes, ctx.userId);
  return { reply: teamReply(view, 'Team defaults saved') };
}

/** `/buddy settings [team] [history | reset KEY | KEY VALUE ...]` and "set my max risk to 0.5%". */
export const settingsFlow: Flow = {
  id: 'settings',
  async run(ctx, args) {
    const command = parseSettingsCommand(args);
    if (command.kind === 'error') return refused(command.message);
    if (command.kind === 'history') return history(ctx);
    if (command.kind === 'show') {
      if (command.scope === 'own') return { reply: await show(ctx) };
      const teamId = (await ctx.services.users.getUser(ctx.userId))?.teamId;
      const view = teamId ? await ctx.services.settings.forTeam(teamId) : undefined;
      return view
        ? { reply: teamReply(view, 'Team defaults') }
        : refused('You are not in a team, so there are no team defaults.');
    }
    const changes = { ...command.changes };
    try {
      if (command.scope === 'team') return await changeTeam(ctx, changes, command.modules);
      if (command.modules.off.length || command.modules.on.length) {
        const current = await ctx.services.settings.forUser(ctx.userId);
        changes.disabledModules = moduleList(current.values.disabledModules, command.modules);
      }
      await ctx.services.settings.updateUser(ctx.userId, changes, ctx.userId);
      return { reply: await show(ctx, 'Settings saved') };
    } catch (error) {
      if (isAppError(error) && error.code === 'invalid-settings') return refused(error.userMessage);
      throw error;
    }
  },
};

/** The form button pressed where no form opens (terminal, HTTP): the settings and how to change them. */
export const settingsFormFlow: Flow = {
  id: 'settings-form',
  async run(ctx) {
    return { reply: await show(ctx) };
  },
};
