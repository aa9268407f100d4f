import { describe, expect, it } from 'vitest';
import { LIMITS, loginKeys, onSuccess, refusal, retryAfterSeconds, WINDOW_MS, type Reserved } from './login-throttle-rules';

const start = new Date('2026-03-01T08:00:00Z');
const login = (pair: number, ip: number, user: number): Reserved[] =>
  loginKeys('Sara', '10.1.1.1').map((k) => ({ ...k, attempts: { pair, ip, user }[k.kind], windowStart: start }));

describe('login throttle rules', () => {
  it('keys a login by address and lower-cased username', () => {
    expect(loginKeys('Sara', '10.1.1.1').map((k) => k.key)).toEqual(['pair:10.1.1.1|sara', 'ip:10.1.1.1', 'user:sara']);
  });

  it.each([
    ['first attempt', 1, 1, 1, undefined],
    [`${LIMITS.pair}th attempt of the pair`, LIMITS.pair, LIMITS.pair, LIMITS.pair, undefined],
    ['one past the pair limit', LIMITS.pair + 1, 6, 6, 'pair'],
    ['one past the address limit, fresh username', 1, LIMITS.ip + 1, 1, 'ip'],
    ['user ceiling passed, address clean for this user', 1, 1, LIMITS.user + 40, undefined],
    ['user ceiling passed, address failed once for this user', 2, 2, LIMITS.user + 40, 'user'],
    ['user ceiling reached, not passed', 3, 3, LIMITS.user, undefined],
  ] as const)('%s', (_label, pair, ip, user, expected) => {
    expect(refusal(login(pair, ip, user))?.kind).toBe(expected);
  });

  it('limits current-password guesses per user', () => {
    const r = (attempts: number): Reserved[] => [{ kind: 'current', key: 'current:9', attempts, windowStart: start }];
    expect(refusal(r(LIMITS.current))).toBeUndefined();
    expect(refusal(r(LIMITS.current + 1))?.kind).toBe('current');
  });

  it('a success clears the pair and gives one attempt back to the address and the user', () => {
    expect(onSuccess(login(3, 3, 3))).toEqual({ clear: ['pair:10.1.1.1|sara'], giveBack: ['ip:10.1.1.1', 'user:sara'] });
  });

  it('Retry-After runs to the end of the window, at least one second', () => {
    const r = login(9, 9, 9)[0]!;
    expect(retryAfterSeconds(r, new Date(start.getTime() + 60_000))).toBe(WINDOW_MS / 1000 - 60);
    expect(retryAfterSeconds(r, new Date(start.getTime() + WINDOW_MS + 5000))).toBe(1);
  });
});
