import { ROLES, type Role } from '../../../db/index.js';
import { parseFlags, withUserErrors } from './args.js';
import type { CliCommand, CliIo } from './types.js';

function userIdOk(userId: string | undefined, io: CliIo, usage: string): userId is string {
  if (userId && /^[a-z]+:[^:\s]+:[^\s]+$/.test(userId)) return true;
  io.err(`--user takes an account id like cli:local:alice or slack:T012:U345.\nUsage: ${usage}`);
  return false;
}

export const tokenCreate: CliCommand = {
  path: ['token', 'create'],
  usage: 'buddy token create --user ID [--name NAME] [--role member|lead|admin] [--expires-days N]',
  description:
    'Create an API token for a user (created if new) and print it once; --role also sets their role. The first token makes tokens required on the HTTP API.',
  async run(app, args, io) {
    const parsed = parseFlags(
      args,
      {
        user: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'expires-days': { type: 'string' },
      },
      io,
      this.usage,
    );
    if (!parsed) return 2;
    const { user, name, role, 'expires-days': expires } = parsed.values as Record<string, string | undefined>;
    if (!userIdOk(user, io, this.usage)) return 2;
    if (role !== undefined && !ROLES.includes(role as Role)) {
      io.err(`--role is one of ${ROLES.join(', ')}; got "${role}".\nUsage: ${this.usage}`);
      return 2;
    }
    const days = expires === undefined ? undefined : Number(expires);
    return withUserErrors(io, async () => {
      const { token, row } = await app.services.accounts.createToken({
        userId: user,
        name: name ?? 'cli',
        expiresInDays: days,
      });
      if (role) await app.services.accounts.setRole(user, role as Role);
      io.out(
        [
          `Token for ${user}${role ? ` (role ${role})` : ''}, named "${row.name}", id ${row.tokenId}:`,
          '',
          `  ${token}`,
          '',
          'This is the only time it is shown. Send it as "Authorization: Bearer <token>".',
          row.expiresAt
            ? `It expires ${row.expiresAt.toISOString()}.`
            : 'It does not expire; revoke it with `buddy token revoke`.',
        ].join('\n'),
      );
      return 0;
    });
  },
};

export const tokenList: CliCommand = {
  path: ['token', 'list'],
  usage: 'buddy token list --user ID',
  description:
    "List a user's tokens: id, name, prefix, created, last used, expiry, revoked (never the token).",
  async run(app, args, io) {
    const parsed = parseFlags(args, { user: { type: 'string' } }, io, this.usage);
    if (!parsed) return 2;
    const user = parsed.values.user as string | undefined;
    if (!userIdOk(user, io, this.usage)) return 2;
    const tokens = await app.services.accounts.listTokens(user);
    if (tokens.length === 0) {
      io.out(`${user} has no tokens.`);
      return 0;
    }
    for (const t of tokens) {
      const state = t.revokedAt
        ? `revoked ${t.revokedAt.toISOString()}`
        : t.expiresAt
          ? `expires ${t.expiresAt.toISOString()}`
          : 'no expiry';
      io.out(
        `${t.tokenId}  ${t.prefix}…  "${t.name}"  created ${t.createdAt.toISOString()}  last used ${t.lastUsedAt?.toISOString() ?? 'never'}  ${state}`,
      );
    }
    return 0;
  },
};

export const tokenRevoke: CliCommand = {
  path: ['token', 'revoke'],
  usage: 'buddy token revoke --user ID TOKEN_ID_OR_PREFIX',
  description: "Revoke one of a user's tokens, named by its id or the prefix `buddy token list` shows.",
  async run(app, args, io) {
    const parsed = parseFlags(args, { user: { type: 'string' } }, io, this.usage);
    if (!parsed) return 2;
    const user = parsed.values.user as string | undefined;
    if (!userIdOk(user, io, this.usage)) return 2;
    const [ref, ...extra] = parsed.positionals;
    if (!ref || extra.length > 0) {
      io.err(`Name one token by its id or prefix.\nUsage: ${this.usage}`);
      return 2;
    }
    return withUserErrors(io, async () => {
      const row = await app.services.accounts.revokeToken(user, ref.replace(/…$/, ''));
      io.out(`Revoked ${row.prefix}… ("${row.name}") of ${user}.`);
      return 0;
    });
  },
};
