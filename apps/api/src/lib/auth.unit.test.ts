import { describe, expect, it } from 'vitest';
import { AccessTokens, ACCESS_TOKEN_TTL_SECONDS } from './auth';
import { AppError } from './errors';
import { fixedClock } from './time';

const secret = new TextEncoder().encode('unit-secret-unit-secret-unit-secret-123');

describe('AccessTokens', () => {
  it('signs a token that verifies to the user id for one day', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const tokens = new AccessTokens(secret, clock);
    const t = await tokens.sign(42, 3);
    expect(await tokens.verify(t)).toEqual({ userId: 42, tokenVersion: 3 });
    clock.advance(ACCESS_TOKEN_TTL_SECONDS * 1000 - 1000);
    expect(await tokens.verify(t)).toEqual({ userId: 42, tokenVersion: 3 });
    clock.advance(2000);
    await expect(tokens.verify(t)).rejects.toThrow(/expired/);
  });

  it('refuses another secret and garbage', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const t = await new AccessTokens(secret, clock).sign(1, 0);
    const other = new AccessTokens(new TextEncoder().encode('another-secret-another-secret-another'), clock);
    await expect(other.verify(t)).rejects.toBeInstanceOf(AppError);
    await expect(other.verify('not.a.jwt')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
