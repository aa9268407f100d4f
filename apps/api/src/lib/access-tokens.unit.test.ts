import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AccessTokens, ACCESS_TOKEN_TTL_SECONDS } from './auth';
import { fixedClock } from './time';

const secret = new TextEncoder().encode('unit-secret-unit-secret-unit-secret-123');
const clock = fixedClock('2026-02-01T00:00:00Z');
const tokens = new AccessTokens(secret, clock);
const now = () => Math.floor(clock.now().getTime() / 1000);

/** A token signed with our secret, built claim by claim. */
function handMade(opts: { alg?: string; exp?: number | null; iat?: number | null; ver?: unknown; typ?: string; sub?: string } = {}) {
  const claims: Record<string, unknown> = { typ: opts.typ ?? 'access' };
  if (opts.ver !== undefined) claims.ver = opts.ver;
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: opts.alg ?? 'HS256' }).setSubject(opts.sub ?? '7');
  if (opts.iat !== null) jwt.setIssuedAt(opts.iat ?? now());
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now() + 3600);
  return jwt.sign(secret);
}

describe('AccessTokens.verify refuses hand-made tokens', () => {
  it('accepts the well-formed one it is compared against', async () => {
    expect(await tokens.verify(await handMade({ ver: 2 }))).toEqual({ userId: 7, tokenVersion: 2 });
  });

  it.each([
    ['no exp', { ver: 0, exp: null }],
    ['no iat', { ver: 0, iat: null }],
    ['no token version', {}],
    ['a token version that is not an integer', { ver: '0' }],
    ['another typ', { ver: 0, typ: 'refresh' }],
    ['a subject that is not a user id', { ver: 0, sub: 'admin' }],
    ['HS512 with the right secret', { ver: 0, alg: 'HS512' }],
  ] as const)('%s', async (_label, opts) => {
    await expect(tokens.verify(await handMade(opts))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('alg none', async () => {
    const unsigned = new UnsecuredJWT({ typ: 'access', ver: 0 })
      .setSubject('7')
      .setIssuedAt(now())
      .setExpirationTime(now() + 3600)
      .encode();
    await expect(tokens.verify(unsigned)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('a far-off exp does not outlive the one-day lifetime, counted from iat', async () => {
    const t = await handMade({ ver: 0, exp: now() + 365 * 24 * 3600 });
    const c = fixedClock(new Date(clock.now().getTime() + (ACCESS_TOKEN_TTL_SECONDS + 60) * 1000).toISOString());
    await expect(new AccessTokens(secret, c).verify(t)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
