import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseTrustProxy } from './config';

describe('TRUST_PROXY', () => {
  it('is off by default', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false);
  });

  it.each([
    ['false', false],
    ['TRUE', true],
    ['loopback', ['loopback']],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8, 192.168.1.7 ,loopback', ['10.0.0.0/8', '192.168.1.7', 'loopback']],
    ['::1,fd00::/8', ['::1', 'fd00::/8']],
    ['uniquelocal,linklocal', ['uniquelocal', 'linklocal']],
  ] as const)('%s → %j', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each(['1', '2', 'yes', '10.0.0.0/33', '::1/129', '10.0.0.300', 'nginx', '10.0.0.1,', '10.0.0.0/8/1'])(
    'refuses %s, naming the variable',
    (raw) => {
      expect(parseTrustProxy(raw)).toHaveProperty('error');
      try {
        loadConfig({ TRUST_PROXY: raw });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect((e as ConfigError).problems.join('\n')).toMatch(/^TRUST_PROXY: /m);
      }
    },
  );
});
