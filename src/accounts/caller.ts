import type { AccountRecord, Role, ShareLevel } from '../db/index.js';

/**
 * Who is asking, resolved at the edge: from an API token, a web session, a platform identity
 * (Slack and Discord sign their requests), or the local install (the terminal, and the HTTP API
 * on loopback while no token exists).
 */
export interface Caller {
  userId: string;
  role: Role;
  teamId: string | null;
  via: 'token' | 'session' | 'platform' | 'local';
}

/** The owner of a record as access decisions need it. */
export interface Owner {
  userId: string;
  teamId: string | null;
  shareWithTeam: ShareLevel;
}

export function callerOf(account: AccountRecord, via: Caller['via']): Caller {
  return { userId: account.userId, role: account.role, teamId: account.teamId, via };
}

/**
 * May the caller read the owner's records? Their own, anything for an admin, and a team lead
 * reads a member of their team who shares everything with the team.
 */
export function canRead(caller: Caller, owner: Owner): boolean {
  if (caller.userId === owner.userId || caller.role === 'admin') return true;
  return (
    caller.role === 'lead' &&
    caller.teamId !== null &&
    caller.teamId === owner.teamId &&
    owner.shareWithTeam === 'all'
  );
}

/** May the caller change the owner's records, or act as them? Only their own, or an admin. */
export function canActAs(caller: Caller, userId: string): boolean {
  return caller.userId === userId || caller.role === 'admin';
}

/** May the caller see a team's default settings? Its members, and admins. */
export function canReadTeam(caller: Caller, teamId: string): boolean {
  return caller.role === 'admin' || caller.teamId === teamId;
}

/** May the caller change a team's default settings? Its lead, and admins. */
export function canSetTeamDefaults(caller: Caller, teamId: string): boolean {
  return caller.role === 'admin' || (caller.role === 'lead' && caller.teamId === teamId);
}
