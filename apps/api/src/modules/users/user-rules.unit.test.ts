import { describe, expect, it } from 'vitest';
import { isNewUserSuperuser } from './user-rules';

describe('isNewUserSuperuser', () => {
  it.each([
    [false, false, true],
    [false, true, false],
    [true, true, true],
    [true, false, true],
  ])('named %s, any user yet %s → %s', (named, anyUserYet, expected) => {
    expect(isNewUserSuperuser(named, anyUserYet)).toBe(expected);
  });
});
