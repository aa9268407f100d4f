import type { UserResponse } from '@dialdeck/contracts/auth';
import type { CompanyRow, UserRow } from '../../db/schema/database';
import type { PublicUser } from '../../lib/auth';
import { toZonedIso } from '../../lib/time';

/** A user as the API shows it; the password hash is dropped here and nowhere else. */
export function toPublicUser(row: UserRow): PublicUser {
  const { password_hash: _hash, ...user } = row;
  return user;
}

export function userView(u: PublicUser | UserRow, c: CompanyRow): UserResponse {
  return {
    id: u.id,
    username: u.username,
    role: u.role,
    is_superuser: u.is_superuser,
    is_active: u.is_active,
    first_name: u.first_name,
    last_name: u.last_name,
    phone_number: u.phone_number,
    company: {
      id: c.id,
      name: c.name,
      display_name: c.display_name,
      locale: c.locale,
      calendar: c.calendar,
      timezone: c.timezone,
    },
    last_login_at: u.last_login_at ? toZonedIso(u.last_login_at, c.timezone) : null,
    created_at: toZonedIso(u.created_at, c.timezone),
    updated_at: toZonedIso(u.updated_at, c.timezone),
  };
}
