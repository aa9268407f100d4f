import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another Dialdeck process (pid ${holderPid}). ` +
        'The embedded database allows one process only: stop that process, point DATA_DIR at another folder, ' +
        'or set DATABASE_URL to run several processes on a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on the data folder: PGlite opened by two processes silently
 * loses data. The lock file holds "pid@host"; a file left by a dead process on
 * this host is taken over, a live holder makes start-up fail.
 */
export function lockDataDir(dataDir: string): { release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'dialdeck.lock');
  const me = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, me);
      closeSync(fd);
      return {
        release() {
          try {
            if (readFileSync(file, 'utf8') === me) unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder: string;
      try {
        holder = readFileSync(file, 'utf8');
      } catch {
        continue; // removed between our open and read: try again
      }
      const [pidText, host] = holder.split('@');
      const pid = Number(pidText);
      const sameHost = host === hostname();
      if (Number.isInteger(pid) && pid > 0 && (!sameHost || isAlive(pid))) {
        throw new DataDirLockedError(dataDir, pid);
      }
      unlinkSync(file); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
