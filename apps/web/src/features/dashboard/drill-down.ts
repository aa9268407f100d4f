import type { CallStatus } from '@dialdeck/contracts/numbers';
import type { Timeframe } from '@dialdeck/contracts/stats';

const HOUR_MS = 3_600_000;
const ROLLING_MS: Record<Exclude<Timeframe, 'all' | 'today'>, number> = {
  '1h': HOUR_MS,
  '3h': 3 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
};

/**
 * The `status_changed_from` that lists exactly the numbers a numbers-summary counted:
 * the start of its timeframe as the server took it, from the answer's `as_of`.
 * `today` is the local date of `as_of` alone — `as_of` carries the company's offset, so its
 * first ten characters are the company's calendar day, and the numbers API reads a bare
 * date as that day's local midnight (on a DST day midnight's offset differs from now's, so
 * spelling an instant from as_of's offset would be an hour off). Rolling ones are as_of
 * minus the span, to the millisecond. `all` has no start.
 */
export function statusChangedFrom(timeframe: Timeframe, asOf: string): string | undefined {
  if (timeframe === 'all') return undefined;
  if (timeframe === 'today') {
    const day = /^(\d{4}-\d{2}-\d{2})T/.exec(asOf)?.[1];
    return day;
  }
  const at = Date.parse(asOf);
  if (Number.isNaN(at)) return undefined;
  return new Date(at - ROLLING_MS[timeframe]).toISOString();
}

/** The /numbers search for a figure: only the filters that figure has, so the list shows the same count. */
export interface NumbersDrill {
  status?: CallStatus;
  campaign_id?: number;
  status_changed_from?: string;
  company?: string;
}

export function numbersDrill(
  timeframe: Timeframe,
  asOf: string | undefined,
  filter: { status?: CallStatus; campaignId?: number; company?: string },
): NumbersDrill {
  const drill: NumbersDrill = {};
  if (filter.status) drill.status = filter.status;
  if (filter.campaignId !== undefined) drill.campaign_id = filter.campaignId;
  const from = asOf ? statusChangedFrom(timeframe, asOf) : undefined;
  if (from) drill.status_changed_from = from;
  if (filter.company) drill.company = filter.company;
  return drill;
}
