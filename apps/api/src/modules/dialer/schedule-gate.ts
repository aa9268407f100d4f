import type { RefusalReason } from '@dialdeck/contracts/schedule';
import type { Tx } from '../../db/client';
import type { CompanyRow } from '../../db/schema/database';

/** What the dialer needs of the company schedule (the schedule module's service provides it). */
export interface ScheduleGate {
  /**
   * With `cached`, the verdict may come from memory (`fromMemory`); `confirm`, when
   * given, is what it was computed from besides the version, to be checked in the
   * statement that acts on it.
   */
  verdict(
    company: CompanyRow,
    now?: Date,
    opts?: { cached?: boolean },
  ): Promise<{
    allowed: boolean;
    reason?: RefusalReason;
    retryAfterSeconds?: number;
    version: number;
    fromMemory?: boolean;
    confirm?: { localDate: string; holiday: boolean };
  }>;
  nextAllowedAt(company: CompanyRow, now?: Date): Promise<Date | null>;
  /** Joins the caller's transaction when given one. */
  setDisabledByDialer(companyId: number, disabled: boolean, executor?: Tx): Promise<number>;
}
