import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

const fresh = () => mkdtempSync(path.join(tmpdir(), 'dd-lock-'));

describe('lockDataDir', () => {
  it('creates the folder, writes pid@host and releases', () => {
    const dir = path.join(fresh(), 'nested');
    const lock = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'dialdeck.lock'), 'utf8')).toBe(`${process.pid}@${hostname()}`);
    lock.release();
    expect(existsSync(path.join(dir, 'dialdeck.lock'))).toBe(false);
  });

  it('refuses while a live process holds it, naming that process', () => {
    const dir = fresh();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another Dialdeck process \(pid \d+\)/);
    lock.release();
    lockDataDir(dir).release();
  });

  it('takes over a lock left by a dead process', () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'dialdeck.lock'), `999999999@${hostname()}`);
    const lock = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'dialdeck.lock'), 'utf8')).toBe(`${process.pid}@${hostname()}`);
    lock.release();
  });
});
