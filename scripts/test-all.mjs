// `npm test`: every tier, in order, and one closing line `N passed, N failed`.
//   unit          pure logic
//   db, http      services and routes on PGlite, then again on a PostgreSQL 15
//                 server the tests start themselves (TEST_DB=postgres)
//   e2e           Playwright in Debian's Chromium against the built app
// `--only unit|db|e2e` runs one part. Reports land in test-results/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only;

const rows = [];
const record = (tier, passed, failed, skipped = 0, note = '') => rows.push({ tier, passed, failed, skipped, note });

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

/** Vitest's JSON report → counts per tier (file suffix .db / .http / .unit). */
function vitestStep(label, project, env) {
  const out = path.join(results, `${label}.json`);
  rmSync(out, { force: true });
  const code = run(
    'npx',
    ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    env,
  );
  if (!existsSync(out)) return record(label, 0, 1, 0, `vitest exited ${code} without a report`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const tiers = new Map();
  for (const file of report.testResults) {
    const tier = /\.http\.test\./.test(file.name) ? 'http' : /\.db\.test\./.test(file.name) ? 'db' : 'unit';
    const name = label.includes('-') ? `${tier}-${label.split('-')[1]}` : tier;
    const t = tiers.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
    for (const a of file.assertionResults) {
      if (a.status === 'passed') t.passed++;
      else if (a.status === 'failed') t.failed++;
      else t.skipped++;
    }
    // A file that failed to load has no assertions: count it as one failure.
    if (file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed')) t.failed++;
    tiers.set(name, t);
  }
  for (const [name, t] of tiers) record(name, t.passed, t.failed, t.skipped);
  if (code !== 0 && report.numFailedTests === 0 && report.numFailedTestSuites === 0) record(label, 0, 1, 0, `vitest exited ${code}`);
}

function e2eStep() {
  const build = run('npm', ['run', 'build', '-w', '@dialdeck/web']);
  if (build !== 0) return record('e2e', 0, 1, 0, 'web build failed');
  const out = path.join(results, 'e2e.json');
  rmSync(out, { force: true });
  const code = run('npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']);
  if (!existsSync(out)) return record('e2e', 0, 1, 0, `playwright exited ${code} without a report`);
  const s = JSON.parse(readFileSync(out, 'utf8')).stats;
  record('e2e', s.expected + (s.flaky ?? 0), s.unexpected, s.skipped);
  if (code !== 0 && s.unexpected === 0) record('e2e', 0, 1, 0, `playwright exited ${code}`);
}

if (!only || only === 'unit') vitestStep('unit', 'unit', {});
if (!only || only === 'db') {
  vitestStep('db-pglite', 'db-pglite', { TEST_DB: 'pglite' });
  vitestStep('db-postgres', 'db-postgres', { TEST_DB: 'postgres' });
}
if (!only || only === 'e2e') e2eStep();

const total = rows.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
console.log('\nTest tiers:');
for (const r of rows)
  console.log(
    `  ${r.tier.padEnd(14)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed${r.skipped ? ` ${r.skipped} skipped` : ''}${r.note ? `  (${r.note})` : ''}`,
  );
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed === 0 && total.passed > 0 ? 0 : 1);
