import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrationChecksum, MIGRATIONS_DIR } from './migrate';

// A migration that has shipped is never edited: a database that already ran it would
// keep the old version while a fresh one gets the new (the migrator refuses such a
// database at start-up; this test refuses the edit before it ships). Each file is
// compared with the version of the commit that added it, and with the last commit,
// so neither a committed nor an uncommitted edit passes.
// A migration edited on a branch before it ever shipped: compared with its version at
// the commit named here (where it was final) instead of the commit that added it.
const FINAL_BEFORE_SHIPPING: Record<string, string> = {
  '0008_number_additions.sql': '665aece', // added in 916ccae on a work branch, completed there before any release
};

const git = (...args: string[]) => execFileSync('git', args, { cwd: MIGRATIONS_DIR, encoding: 'utf8' });

describe('shipped migrations', () => {
  const history = git('log', '--format=%H', '--', '.').trim();

  it('are read from a clone with its history', () => {
    expect(history.split('\n').length).toBeGreaterThan(1);
  });

  for (const m of loadMigrations()) {
    it(`${m.name} is what it was when it was first committed`, () => {
      // Paths relative to the migrations folder (git runs there): `./name` in `commit:./name`.
      const file = `./${m.name}`;
      const added = git('log', '--diff-filter=A', '--format=%H', '--', file).trim().split('\n').filter(Boolean).at(-1);
      // Not committed yet: a new migration, free to change until it lands.
      if (!added) return;
      const first = git('show', `${FINAL_BEFORE_SHIPPING[m.name] ?? added}:${file}`);
      expect(migrationChecksum(m.sql), `${m.name} was edited after commit ${added.slice(0, 7)}: put the change in a new migration`).toBe(
        migrationChecksum(first),
      );
      const head = git('show', `HEAD:${file}`);
      expect(migrationChecksum(head)).toBe(migrationChecksum(first));
    });
  }
});
