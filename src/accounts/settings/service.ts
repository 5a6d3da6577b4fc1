import type { RulesRepository, RulesVersion, UserRepository } from '../../db/index.js';
import { userError } from '../../errors.js';
import type { UserContext } from '../../market/context/index.js';
import { applyChanges, readStored, resolveSettings, type ResolvedSettings, toUserRules } from './merge.js';
import { type Settings, startupSettings } from './schema.js';

/** A trader's effective settings, where each value comes from, and the versions in force. */
export interface SettingsView extends ResolvedSettings {
  userId: string;
  teamId: string | null;
  /** The trader's `user_rules` version (0: nothing set) and their team's `team_rules` version. */
  version: number;
  teamVersion: number;
  own: Partial<Settings>;
  team: Partial<Settings>;
}

export interface TeamSettingsView {
  teamId: string;
  version: number;
  /** What the team set; `values` fills the rest from the start-up defaults. */
  team: Partial<Settings>;
  values: Settings;
  updatedAt: Date | null;
  changedBy: string | null;
}

export interface SettingsService {
  forUser(userId: string): Promise<SettingsView>;
  /** Writes a new version with the changes (null = inherit again); refuses every bad value, writing nothing. */
  updateUser(userId: string, changes: Record<string, unknown>, changedBy: string): Promise<SettingsView>;
  history(userId: string, limit?: number): Promise<RulesVersion[]>;
  /** Undefined when there is no such team. */
  forTeam(teamId: string): Promise<TeamSettingsView | undefined>;
  updateTeam(teamId: string, changes: Record<string, unknown>, changedBy: string): Promise<TeamSettingsView>;
  /** The limits an evaluation uses, with the versions it records. */
  userContext(userId: string): Promise<UserContext>;
  /**
   * The limits that were in force: the given versions (an evaluation's record; 0 = none set), or
   * for a version not given, the latest one stored at or before `at`.
   */
  rulesAt(
    userId: string,
    at: { at: Date; version?: number | null | undefined; teamVersion?: number | null | undefined },
  ): Promise<UserContext>;
}

function refuse(problems: string[]): never {
  throw userError('invalid-settings', `Nothing changed: ${problems.join('; ')}.`, { problems });
}

export function createSettingsService(deps: {
  rules: RulesRepository;
  users: UserRepository;
  defaults: { equity: number; maxRiskPct: number; minRewardRisk: number };
}): SettingsService {
  const startup = startupSettings(deps.defaults);

  async function forUser(userId: string): Promise<SettingsView> {
    const account = await deps.users.getUser(userId);
    const teamId = account?.teamId ?? null;
    const [own, team] = await Promise.all([
      deps.rules.userRules(userId),
      teamId ? deps.rules.teamRules(teamId) : undefined,
    ]);
    const ownValues = readStored(own?.rules);
    const teamValues = readStored(team?.rules);
    return {
      userId,
      teamId,
      ...resolveSettings(startup, teamValues, ownValues),
      version: own?.version ?? 0,
      teamVersion: team?.version ?? 0,
      own: ownValues,
      team: teamValues,
    };
  }

  async function forTeam(teamId: string): Promise<TeamSettingsView | undefined> {
    if (!(await deps.rules.teamExists(teamId))) return undefined;
    const row = await deps.rules.teamRules(teamId);
    const team = readStored(row?.rules);
    return {
      teamId,
      version: row?.version ?? 0,
      team,
      values: resolveSettings(startup, team, undefined).values,
      updatedAt: row?.updatedAt ?? null,
      changedBy: row?.changedBy ?? null,
    };
  }

  return {
    forUser,
    forTeam,
    history: (userId, limit) => deps.rules.userHistory(userId, limit),

    async updateUser(userId, changes, changedBy) {
      if (!(await deps.users.getUser(userId))) throw userError('not-found', `No user ${userId}.`);
      const current = await forUser(userId);
      const result = applyChanges(current.own, changes);
      if (!result.ok) refuse(result.problems);
      await deps.rules.appendUserRules(userId, result.next, changedBy, {
        equity: result.next.equity ?? null,
        baseCurrency: resolveSettings(startup, current.team, result.next).values.baseCurrency,
      });
      return forUser(userId);
    },

    async updateTeam(teamId, changes, changedBy) {
      const current = await forTeam(teamId);
      if (!current) throw userError('not-found', `No team ${teamId}.`);
      const result = applyChanges(current.team, changes);
      if (!result.ok) refuse(result.problems);
      await deps.rules.appendTeamRules(teamId, result.next, changedBy);
      return (await forTeam(teamId)) ?? current;
    },

    async rulesAt(userId, at) {
      const teamId = (await deps.users.getUser(userId))?.teamId ?? null;
      const pick = <T>(
        version: number | null | undefined,
        exact: (v: number) => Promise<T>,
        byTime: () => Promise<T>,
      ) =>
        version === 0 ? undefined : version !== null && version !== undefined ? exact(version) : byTime();
      const [own, team] = await Promise.all([
        pick(
          at.version,
          (v) => deps.rules.userVersion(userId, v),
          () => deps.rules.userRulesAt(userId, at.at),
        ),
        teamId
          ? pick(
              at.teamVersion,
              (v) => deps.rules.teamVersion(teamId, v),
              () => deps.rules.teamRulesAt(teamId, at.at),
            )
          : undefined,
      ]);
      const resolved = resolveSettings(startup, readStored(team?.rules), readStored(own?.rules));
      return {
        userId,
        equity: resolved.values.equity,
        equityIsDefault: resolved.source.equity === 'default',
        rules: toUserRules(resolved.values),
        rulesVersion: own?.version ?? 0,
        teamRulesVersion: team?.version ?? 0,
      };
    },

    async userContext(userId) {
      const view = await forUser(userId);
      return {
        userId,
        equity: view.values.equity,
        equityIsDefault: view.source.equity === 'default',
        rules: toUserRules(view.values),
        rulesVersion: view.version,
        teamRulesVersion: view.teamVersion,
      };
    },
  };
}
