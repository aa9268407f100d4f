import type { UserResponse } from '@dialdeck/contracts/auth';
import { CALL_STATUSES, MUTABLE_STATUSES, isMutableStatus, type CallStatus } from '@dialdeck/contracts/numbers';

/** The statuses a person may set on a number that is now `current` (none when it is final for them). */
export function statusChoices(me: UserResponse, current: CallStatus): readonly CallStatus[] {
  if (me.is_superuser) return CALL_STATUSES;
  return isMutableStatus(current) ? MUTABLE_STATUSES : [];
}

/** The statuses a bulk change may set: only the mutable ones unless a superuser. */
export function bulkStatusChoices(me: UserResponse): readonly CallStatus[] {
  return me.is_superuser ? CALL_STATUSES : MUTABLE_STATUSES;
}

/** Whether this person may not touch the number at all (reset, delete, status). */
export function isLockedFor(me: UserResponse, status: CallStatus): boolean {
  return !me.is_superuser && !isMutableStatus(status);
}
