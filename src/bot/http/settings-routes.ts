import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  canReadTeam,
  canSetTeamDefaults,
  type SettingsView,
  type TeamSettingsView,
} from '../../accounts/index.js';
import { userError } from '../../errors.js';
import type { HttpDeps } from './deps.js';
import { actingUser, assertCanRead } from './scope.js';

const UserParam = z.object({ id: z.string().min(1).max(200) });
const TeamParam = z.object({ id: z.string().min(1).max(200) });
/** Any of the settings keys; null inherits again. The settings core checks every value. */
const SettingsBody = z.record(z.string(), z.unknown(), {
  error: 'send a JSON object of settings, e.g. { "maxRiskPct": 0.5 }',
});

function userJson(view: SettingsView) {
  return {
    userId: view.userId,
    teamId: view.teamId,
    version: view.version,
    teamVersion: view.teamVersion,
    settings: view.values,
    source: view.source,
    own: view.own,
    team: view.team,
  };
}

function teamJson(view: TeamSettingsView) {
  return {
    teamId: view.teamId,
    version: view.version,
    settings: view.team,
    effective: view.values,
    changedBy: view.changedBy,
    updatedAt: view.updatedAt?.toISOString() ?? null,
  };
}

// The requested id is not echoed: an answer about someone else's account says nothing of it.
const NO_USER = 'No such user.';

/** `me` is the caller. */
const userIdOf = (request: FastifyRequest, id: string) => (id === 'me' ? request.caller.userId : id);

/**
 * A trader's settings (read as their records are read: themself, an admin, a lead they share
 * everything with; changed only by themself or an admin) and a team's defaults (read by its
 * members, changed by its lead or an admin).
 */
export function registerSettingsRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { settings, users } = deps.services;
  const ensure = (userId: string) => users.ensureUser({ userId, platform: userId.split(':')[0] ?? 'http' });

  app.get('/api/users/:id/settings', async (request) => {
    const userId = userIdOf(request, UserParam.parse(request.params).id);
    await assertCanRead(deps.services, request, userId, NO_USER);
    if (!(await users.getUser(userId))) throw userError('not-found', NO_USER);
    return userJson(await settings.forUser(userId));
  });

  app.put('/api/users/:id/settings', async (request) => {
    const requested = userIdOf(request, UserParam.parse(request.params).id);
    const userId = actingUser(request, requested, 'id');
    const body = SettingsBody.parse(request.body);
    // The caller is named as the author of the version, and may be new (the local user); another
    // user named by an admin must exist.
    await ensure(request.caller.userId);
    return userJson(await settings.updateUser(userId, body, request.caller.userId));
  });

  app.get('/api/teams/:id/settings', async (request) => {
    const { id } = TeamParam.parse(request.params);
    const view = canReadTeam(request.caller, id) ? await settings.forTeam(id) : undefined;
    if (!view) throw userError('not-found', `No team ${id}.`);
    return teamJson(view);
  });

  app.put('/api/teams/:id/settings', async (request) => {
    const { id } = TeamParam.parse(request.params);
    if (!canReadTeam(request.caller, id)) throw userError('not-found', `No team ${id}.`);
    if (!canSetTeamDefaults(request.caller, id))
      throw userError('forbidden', `Only the team's lead or an admin may change the defaults of ${id}.`);
    const body = SettingsBody.parse(request.body);
    await ensure(request.caller.userId);
    return teamJson(await settings.updateTeam(id, body, request.caller.userId));
  });
}
