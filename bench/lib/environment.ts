import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { ROOT } from './servers';

/** What the figures were measured on, for the results file. */
export function machine(pgVersion: string): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const git = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  return [
    `- machine: ${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
    `- Node ${process.version}, ${pgVersion}`,
    `- commit ${git}, measured ${new Date().toISOString()}`,
  ].join('\n');
}

/** Writes a benchmark's results to bench/results/<name>.md and prints them. */
export function writeResults(name: string, lines: string[]): void {
  const file = path.join(ROOT, `bench/results/${name}.md`);
  writeFileSync(file, lines.join('\n') + '\n');
  console.log(lines.join('\n'));
  console.log(`\nWritten to ${file}`);
}
