import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';

const MIGRATIONS = join(import.meta.dirname, '../../src/db/migrations');

/** The committed migrations up to and including `last` (by index), in a folder of their own. */
function migrationsUpTo(last: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'tb-migrations-'));
  mkdirSync(join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  const entries = journal.entries.filter((e) => e.idx <= last);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')))
    if (entries.some((e) => `${e.tag}.sql` === file)) copyFileSync(join(MIGRATIONS, file), join(dir, file));
  return dir;
}

describe('migration 0010_user_rules_versions', () => {
  it('when a database with rules from before versions is migrated, then its rows stay and new versions append', async () => {
    const client = new PGlite();
    const db = drizzle({ client });
    await migrate(db, { migrationsFolder: migrationsUpTo(9) });
    await client.exec(`
      insert into user_accounts (user_id, platform) values ('cli:local:old', 'cli');
      insert into user_rules (user_id, rules, version) values ('cli:local:old', '{"maxRiskPct": 0.5}', 3);
    `);

    await migrate(db, { migrationsFolder: MIGRATIONS });
    await client.exec(`insert into user_rules (user_id, rules, version) values ('cli:local:old', '{}', 4)`);
    const rows = await client.query<{ version: number; rules: unknown; changed_by: string | null }>(
      `select version, rules, changed_by from user_rules where user_id = 'cli:local:old' order by version`,
    );
    expect(rows.rows).toEqual([
      { version: 3, rules: { maxRiskPct: 0.5 }, changed_by: null },
      { version: 4, rules: {}, changed_by: null },
    ]);
    // The same version twice is refused by the new key.
    await expect(
      client.exec(`insert into user_rules (user_id, rules, version) values ('cli:local:old', '{}', 4)`),
    ).rejects.toThrow(/duplicate key/);
    await client.close();
  });
});
