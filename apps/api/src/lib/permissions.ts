import type { Role } from '@dialdeck/contracts/common';
import { AppError } from './errors';

/**
 * Who may do what: the one map of roles to permissions (after documenso's role →
 * permissions map). Guards and services ask `can` / `assertCan` instead of testing
 * `is_superuser` or a role themselves, so a newcomer reads every rule here.
 *
 * A superuser is an ADMIN of their own company who may also act in any company
 * (`company=<slug>`) and do what only the operator of the whole system may.
 */
export type Grade = Role | 'SUPERUSER';

const AGENT = [
  // the caller's own account (profile, password)
  'self.manage',
  // the numbers assigned to them (list, detail, a mutable status)
  'numbers.work-assigned',
] as const;

const ADMIN = [
  ...AGENT,
  'numbers.manage', // every number of the company: upload, edit, bulk, export, delete the company's own data
  'users.manage', // the company's users (not superusers)
  'schedule.manage',
  'dialer.manage', // dialer tokens and diagnostics
  'stats.read', // the dashboard's statistics
  'lines.manage', // outbound lines (caller IDs): create, edit, assign to agents, delete
  'scenarios.manage', // call scenarios (what an AI voice agent is told): create, edit, deactivate, delete
] as const;

const SUPERUSER = [
  ...ADMIN,
  'companies.manage', // create, edit, deactivate companies
  'companies.act-in-any', // `company=<slug>` on any route; create or move users into another company
  'users.manage-superusers',
  'numbers.change-final', // change or delete a number whose status for the company is final
  'numbers.delete-from-pool', // remove a number from the shared pool whoever holds it
  'voice-servers.manage', // the AI voice-server registry, shared by every company
] as const;

export type Permission = (typeof SUPERUSER)[number];

const GRANTS: Record<Grade, ReadonlySet<Permission>> = {
  AGENT: new Set(AGENT),
  ADMIN: new Set(ADMIN),
  SUPERUSER: new Set(SUPERUSER),
};

export interface Actor {
  role: Role;
  is_superuser: boolean;
}

export function gradeOf(user: Actor): Grade {
  return user.is_superuser ? 'SUPERUSER' : user.role;
}

export function can(user: Actor, permission: Permission): boolean {
  return GRANTS[gradeOf(user)].has(permission);
}

/** What a refused caller reads: who may do it. */
function refusal(permission: Permission): string {
  return GRANTS.ADMIN.has(permission) ? 'Only an admin may do this.' : 'Only a superuser may do this.';
}

export function assertCan(user: Actor, permission: Permission, message = refusal(permission)): void {
  if (!can(user, permission)) throw new AppError('FORBIDDEN', message);
}
