import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

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
