import { ROLES, type Role, SHARE_LEVELS, type ShareLevel } from '../../../db/index.js';
import { writeFile } from 'node:fs/promises';
import { parseFlags, withUserErrors } from './args.js';
import type { CliCommand } from './types.js';

export const userRole: CliCommand = {
  path: ['user', 'role'],
  usage: 'buddy user role ID member|lead|admin',
  description:
    'Set what a user may see: their own data (member), their team members who share it (lead), everything (admin).',
  async run(app, args, io) {
    const [userId, role, ...extra] = args;
    if (!userId || !role || extra.length > 0 || !ROLES.includes(role as Role)) {
      io.err(`Give a user id and one of ${ROLES.join(', ')}.\nUsage: ${this.usage}`);
      return 2;
    }
    return withUserErrors(io, async () => {
      await app.services.accounts.setRole(userId, role as Role);
      io.out(`${userId} is now ${role}.`);
      return 0;
    });
  },
};

export const userShare: CliCommand = {
  path: ['user', 'share'],
  usage: 'buddy user share ID none|summary|all',
  description: "Set what a user's team lead may read: nothing, the daily-summary level, or everything.",
  async run(app, args, io) {
    const [userId, share, ...extra] = args;
    if (!userId || !share || extra.length > 0 || !SHARE_LEVELS.includes(share as ShareLevel)) {
      io.err(`Give a user id and one of ${SHARE_LEVELS.join(', ')}.\nUsage: ${this.usage}`);
      return 2;
    }
    return withUserErrors(io, async () => {
      await app.services.accounts.setShare(userId, share as ShareLevel);
      io.out(`${userId} now shares "${share}" with their team.`);
      return 0;
    });
  },
};

export const userExport: CliCommand = {
  path: ['user', 'export'],
  usage: 'buddy user export ID [--out FILE]',
  description: "Write every row of a user's (journal, trades, evaluations, messages, audit rows) as JSON.",
  async run(app, args, io) {
    const parsed = parseFlags(args, { out: { type: 'string' } }, io, this.usage);
    if (!parsed) return 2;
    const [userId, ...extra] = parsed.positionals;
    if (!userId || extra.length > 0) {
      io.err(`Give one user id.\nUsage: ${this.usage}`);
      return 2;
    }
    return withUserErrors(io, async () => {
      const data = await app.services.dataRights.exportUser(userId);
      const json = JSON.stringify(data, null, 2);
      const out = parsed.values.out as string | undefined;
      if (out) {
        await writeFile(out, `${json}\n`, { mode: 0o600 });
        const rows = Object.values(data.tables).reduce((n, rows) => n + rows.length, 0);
        io.out(`Wrote ${rows} rows of ${userId} to ${out}.`);
      } else io.out(json);
      return 0;
    });
  },
};

export const userDelete: CliCommand = {
  path: ['user', 'delete'],
  usage: 'buddy user delete ID --yes',
  description: "Delete everything of a user's, audit rows and chart images included. Cannot be undone.",
  async run(app, args, io) {
    const parsed = parseFlags(args, { yes: { type: 'boolean' } }, io, this.usage);
    if (!parsed) return 2;
    const [userId, ...extra] = parsed.positionals;
    if (!userId || extra.length > 0) {
      io.err(`Give one user id.\nUsage: ${this.usage}`);
      return 2;
    }
    if (!parsed.values.yes) {
      io.err(
        `This deletes every row of ${userId} and cannot be undone. Add --yes to confirm (export first with \`buddy user export\`).`,
      );
      return 2;
    }
    return withUserErrors(io, async () => {
      const { counts, images, imageErrors } = await app.services.dataRights.deleteUser(userId);
      const lines = Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([table, n]) => `  ${table}: ${n}`);
      io.out([`Deleted ${userId}:`, ...lines, `  chart images: ${images}`].join('\n'));
      for (const e of imageErrors) io.err(`Could not delete chart image ${e}`);
      return imageErrors.length > 0 ? 1 : 0;
    });
  },
};
