import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { assertCan, can, gradeOf, type Permission } from './permissions';

const agent = { role: 'AGENT', is_superuser: false } as const;
const admin = { role: 'ADMIN', is_superuser: false } as const;
const superuser = { role: 'ADMIN', is_superuser: true } as const;

describe('permissions', () => {
  it.each<[Permission, boolean, boolean, boolean]>([
    ['self.manage', true, true, true],
    ['numbers.work-assigned', true, true, true],
    ['numbers.manage', false, true, true],
    ['users.manage', false, true, true],
    ['schedule.manage', false, true, true],
    ['dialer.manage', false, true, true],
    ['stats.read', false, true, true],
    ['lines.manage', false, true, true],
    ['scenarios.manage', false, true, true],
    ['companies.manage', false, false, true],
    ['companies.act-in-any', false, false, true],
    ['users.manage-superusers', false, false, true],
    ['numbers.change-final', false, false, true],
    ['numbers.delete-from-pool', false, false, true],
    ['voice-servers.manage', false, false, true],
  ])('%s: agent %s, admin %s, superuser %s', (permission, a, b, c) => {
    expect([can(agent, permission), can(admin, permission), can(superuser, permission)]).toEqual([a, b, c]);
  });

  it('a superuser is graded SUPERUSER whatever their role', () => {
    expect(gradeOf({ role: 'AGENT', is_superuser: true })).toBe('SUPERUSER');
    expect(gradeOf(agent)).toBe('AGENT');
  });

  it('assertCan refuses with FORBIDDEN and says who may', () => {
    expect(() => assertCan(agent, 'users.manage')).toThrow(new AppError('FORBIDDEN', 'Only an admin may do this.'));
    expect(() => assertCan(admin, 'companies.manage')).toThrow('Only a superuser may do this.');
    expect(() => assertCan(superuser, 'companies.manage')).not.toThrow();
  });
});
