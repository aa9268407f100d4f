import type { RefusalReason } from '@dialdeck/contracts/schedule';
import type { Transaction } from 'kysely';
import type { CompanyRow, Database } from '../../db/schema/database';

/** What the dialer needs of the company schedule (the schedule module's service provides it). */
export interface ScheduleGate {
  verdict(company: CompanyRow, now?: Date): Promise<{ allowed: boolean; reason?: RefusalReason; retryAfterSeconds?: number; version: number }>;
  nextAllowedAt(company: CompanyRow, now?: Date): Promise<Date | null>;
  /** Joins the caller's transaction when given one. */
  setDisabledByDialer(companyId: number, disabled: boolean, executor?: Transaction<Database>): Promise<number>;
}
