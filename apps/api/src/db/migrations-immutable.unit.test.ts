import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrationChecksum, MIGRATIONS_DIR } from './migrate';

// A migration that has shipped is never edited: a database that already ran it would
// keep the old version while a fresh one gets the new (the migrator refuses such a
// database at start-up; this test refuses the edit before it ships). Each file is
// compared with the version of the commit that added it, and with the last commit,
// so neither a committed nor an uncommitted edit passes.
// Migrations whose first commit is not the version that landed (edited before landing,
// or, for 0002 and 0006, in the session that added them): pinned to the checksum of the
// version that ships. Once a file has landed nothing is added here: a change goes in a
// new migration.
const FINAL_BEFORE_SHIPPING: Record<string, string> = {
  '0002_number_pool.sql': '0266e7a8d815abf404ac36a543d218b92f8e8e9116bfec01ebd4e1badd74ff5c', // as it landed (b26ab56), edited after e89e1cc added it
  '0006_dispatch_function.sql': 'd82e8a2c9f2efdf4c1f2168216df4b0944b21d8a90e1ccb6aee52b04268b1ae6', // as it landed (b26ab56), edited after dd43650 added it
  '0007_shipped_edits.sql': '502a7f46a9e8b769e7375947843e2ec6a347290850ffd61a35d36880e99a536b', // its header describes 0002/0006 as they landed
  '0008_number_additions.sql': '3619d09eb7cdaf52392a8750c6626c590ab172ce493c1b9675946cc66c62a5aa', // as of 665aece
  '0014_eligibility_rules.sql': 'e240f9710fbcbfb987bf1083fdb32464d3b1b97b6a70c5e9c0eaf8cea1d1f526', // smallint reasons
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
      const pinned = FINAL_BEFORE_SHIPPING[m.name];
      const first = pinned ?? migrationChecksum(git('show', `${added}:${file}`));
      expect(migrationChecksum(m.sql), `${m.name} was edited after commit ${added.slice(0, 7)}: put the change in a new migration`).toBe(
        first,
      );
      // A pinned file may still be uncommitted in its final form while it is being finished.
      if (!pinned) expect(migrationChecksum(git('show', `HEAD:${file}`))).toBe(first);
    });
  }
});
