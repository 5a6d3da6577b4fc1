import type { AccountRepository, ApiTokenRow, Role, ShareLevel, UserRepository } from '../db/index.js';
import { userError } from '../errors.js';
import { type Caller, callerOf, type Owner } from './caller.js';
import { digest, looksLikeToken, newSessionId, newToken } from './secrets.js';

export interface AccountService {
  /** The caller a bearer token names; undefined when it is malformed, unknown, revoked or expired. */
  fromToken(token: string): Promise<Caller | undefined>;
  /** The caller a web session cookie names; undefined when it is unknown, ended or expired. */
  fromSession(sessionId: string): Promise<Caller | undefined>;
  /** The caller for a platform identity (Slack, Discord, terminal), created on first contact. */
  fromIdentity(userId: string, platform: string): Promise<Caller>;
  /** True once any live token exists: from then on the HTTP API answers only to tokens. */
  tokensRequired(): Promise<boolean>;
  owner(userId: string): Promise<Owner | undefined>;
  /** Creates a token; the token itself is in the result and nowhere else, ever. */
  createToken(input: {
    userId: string;
    name: string;
    expiresInDays?: number | undefined;
  }): Promise<{ token: string; row: ApiTokenRow }>;
  listTokens(userId: string): Promise<ApiTokenRow[]>;
  revokeToken(userId: string, idOrPrefix: string): Promise<ApiTokenRow>;
  startSession(userId: string): Promise<{ sessionId: string; expiresAt: Date }>;
  endSession(sessionId: string): Promise<void>;
  setRole(userId: string, role: Role): Promise<void>;
  setShare(userId: string, share: ShareLevel): Promise<void>;
}

export interface AccountServiceDeps {
  accounts: AccountRepository;
  users: UserRepository;
  sessionTtlMs: number;
  now?: () => Date;
}

/** The platform part of `platform:workspace:user`, for accounts first seen through a token. */
function platformOf(userId: string): string {
  return userId.split(':')[0] ?? 'http';
}

export function createAccountService(deps: AccountServiceDeps): AccountService {
  const now = deps.now ?? (() => new Date());
  const requireAccount = async (userId: string) => {
    const account = await deps.accounts.account(userId);
    if (!account) throw userError('not-found', `No user ${userId}.`);
    return account;
  };
  return {
    async fromToken(token) {
      if (!looksLikeToken(token)) return undefined;
      const account = await deps.accounts.useToken(digest(token), now());
      return account ? callerOf(account, 'token') : undefined;
    },

    async fromSession(sessionId) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return undefined;
      const account = await deps.accounts.sessionAccount(digest(sessionId), now());
      return account ? callerOf(account, 'session') : undefined;
    },

    async fromIdentity(userId, platform) {
      const row = await deps.users.ensureUser({ userId, platform });
      return {
        userId: row.userId,
        role: row.role,
        teamId: row.teamId,
        via: platform === 'cli' ? 'local' : 'platform',
      };
    },

    tokensRequired: () => deps.accounts.anyLiveToken(now()),

    async owner(userId) {
      const account = await deps.accounts.account(userId);
      return account
        ? { userId: account.userId, teamId: account.teamId, shareWithTeam: account.shareWithTeam }
        : undefined;
    },

    async createToken(input) {
      const name = input.name.trim();
      if (name === '' || name.length > 100)
        throw userError('invalid-token-name', 'A token name is 1 to 100 characters, e.g. "laptop".');
      if (
        input.expiresInDays !== undefined &&
        !(Number.isInteger(input.expiresInDays) && input.expiresInDays >= 1 && input.expiresInDays <= 3650)
      )
        throw userError('invalid-expiry', 'Expiry is a whole number of days from 1 to 3650.');
      await deps.users.ensureUser({ userId: input.userId, platform: platformOf(input.userId) });
      const { token, prefix } = newToken();
      const expiresAt =
        input.expiresInDays === undefined
          ? null
          : new Date(now().getTime() + input.expiresInDays * 86_400_000);
      const row = await deps.accounts.insertToken({
        userId: input.userId,
        name,
        tokenHash: digest(token),
        prefix,
        expiresAt,
      });
      return { token, row };
    },

    listTokens: (userId) => deps.accounts.listTokens(userId),

    async revokeToken(userId, idOrPrefix) {
      const row = await deps.accounts.revokeToken(userId, idOrPrefix.trim(), now());
      if (!row)
        throw userError(
          'not-found',
          `No live token "${idOrPrefix}" of ${userId}: name it by the id or the prefix that \`buddy token list\` shows.`,
        );
      return row;
    },

    async startSession(userId) {
      await requireAccount(userId);
      const sessionId = newSessionId();
      const expiresAt = new Date(now().getTime() + deps.sessionTtlMs);
      await deps.accounts.insertSession({ sessionHash: digest(sessionId), userId, expiresAt });
      return { sessionId, expiresAt };
    },

    endSession: (sessionId) => deps.accounts.revokeSession(digest(sessionId), now()),

    async setRole(userId, role) {
      if (!(await deps.accounts.setRole(userId, role))) throw userError('not-found', `No user ${userId}.`);
    },

    async setShare(userId, share) {
      if (!(await deps.accounts.setShare(userId, share))) throw userError('not-found', `No user ${userId}.`);
    },
  };
}
