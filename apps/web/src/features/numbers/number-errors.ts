import type { TFunction } from 'i18next';
import { isMutableStatus, type CallStatus } from '@dialdeck/contracts/numbers';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/form-errors';

/**
 * A failed number action in words. The server's 403 and 409 carry English
 * sentences; knowing the number's status and the target, we can say the same
 * thing in the UI language.
 */
export function numberActionError(error: unknown, t: TFunction, context: { current?: CallStatus; target?: CallStatus } = {}): string {
  if (error instanceof ApiError) {
    const name = (status: CallStatus) => t(`numbers.statuses.${status}`);
    if (error.status === 403) {
      if (context.current && !isMutableStatus(context.current)) return t('numbers.errors.finalStatus', { status: name(context.current) });
      if (context.target && !isMutableStatus(context.target)) return t('numbers.errors.superuserOnly', { status: name(context.target) });
    }
    if (error.status === 409) return t('numbers.errors.calledByOther');
    if (error.status === 404) return t('numbers.errors.notFound');
  }
  return errorMessage(error, t);
}
