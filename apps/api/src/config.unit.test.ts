import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig, loadConfigOrExit } from './config';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: path.resolve('./data'), adminCompany: 'default', logLevel: 'info' });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.admin).toBeUndefined();
  });

  it('reads the admin, database and port', () => {
    const c = loadConfig({
      PORT: '9000',
      DATABASE_URL: 'postgres://u@localhost/db',
      ADMIN_USERNAME: 'boss',
      ADMIN_PASSWORD: 'long-enough',
      ADMIN_COMPANY: 'Acme',
    });
    expect(c.port).toBe(9000);
    expect(c.databaseUrl).toBe('postgres://u@localhost/db');
    expect(c.admin).toEqual({ username: 'boss', password: 'long-enough', company: 'acme' });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(8080);
  });

  it('reports every bad variable at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SECRET_KEY: 'short', ADMIN_USERNAME: 'ab', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'SECRET_KEY', 'ADMIN_USERNAME', 'ADMIN_PASSWORD', 'LOG_LEVEL']) {
      expect(problems).toContain(name);
    }
  });
});

describe('loadConfigOrExit', () => {
  it('returns the config when the environment is good', () => {
    expect(loadConfigOrExit({ PORT: '9000' }).port).toBe(9000);
  });

  it('prints every bad variable and exits with code 2', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(() => loadConfigOrExit({ PORT: 'eighty' })).toThrow('exit 2');
      expect(exit).toHaveBeenCalledWith(2);
      expect(error).toHaveBeenCalledWith(expect.stringMatching(/^Invalid configuration:\n {2}- PORT: /));
    } finally {
      exit.mockRestore();
      error.mockRestore();
    }
  });
});
