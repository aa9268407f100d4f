import type { RefusalReason } from '@dialdeck/contracts/schedule';
import type { CompanyRow } from '../../db/schema/database';

/** What the dialer needs of the company schedule (the schedule module's service provides it). */
export interface ScheduleGate {
  verdict(company: CompanyRow, now?: Date): Promise<{ allowed: boolean; reason?: RefusalReason; retryAfterSeconds?: number; version: number }>;
  nextAllowedAt(company: CompanyRow, now?: Date): Promise<Date | null>;
  setDisabledByDialer(companyId: number, disabled: boolean): Promise<number>;
}
