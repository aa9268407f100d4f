import { z } from 'zod';
import { CallStatus, type NumberFilter } from '@dialdeck/contracts/numbers';

export const DEFAULT_PAGE_SIZE = 50;
export const NUMBER_PAGE_SIZES = [20, 50, 100, 200] as const;

export const SORT_KEYS = ['id', 'last_attempt_at', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

/** The first click on a column sorts it this way: newest first for ids and times, A→Z for statuses. */
export const DEFAULT_ORDER: Record<SortKey, SortOrder> = { id: 'desc', last_attempt_at: 'desc', status: 'asc' };

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A day (that day's local midnight in the company zone) or an instant with its offset: the dashboard's timeframe starts. */
const IsoBound = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/)
  .refine((value) => !Number.isNaN(Date.parse(value)));

/**
 * Everything the numbers page shows is in the URL (filters, sort, page), so a reload,
 * the back button or a shared link shows the same list. A bad value is dropped, not an error.
 */
export const NumbersSearch = z.object({
  status: CallStatus.optional().catch(undefined),
  search: z.string().trim().max(32).optional().catch(undefined),
  start_date: IsoDate.optional().catch(undefined),
  end_date: IsoDate.optional().catch(undefined),
  agent_id: z.coerce.number().int().positive().optional().catch(undefined),
  /** Set by the dashboard's drill-down links; shown as removable chips. */
  campaign_id: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  status_changed_from: IsoBound.optional().catch(undefined),
  sort_by: z.enum(SORT_KEYS).optional().catch(undefined),
  sort_order: z.enum(['asc', 'desc']).optional().catch(undefined),
  skip: z.coerce.number().int().min(0).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
  company: z.string().trim().min(1).max(63).optional().catch(undefined),
});
export type NumbersSearch = z.infer<typeof NumbersSearch>;

/** The filter part of the URL, as the API names it: the list, the count, bulk actions and exports share it. */
export function filterOf(search: NumbersSearch): NumberFilter {
  return {
    status: search.status,
    search: search.search || undefined,
    start_date: search.start_date,
    end_date: search.end_date,
    agent_id: search.agent_id,
    campaign_id: search.campaign_id,
    status_changed_from: search.status_changed_from,
  };
}

export function hasFilters(search: NumbersSearch): boolean {
  return Boolean(
    search.status ||
    search.search ||
    search.start_date ||
    search.end_date ||
    search.agent_id ||
    search.campaign_id ||
    search.status_changed_from,
  );
}

/** A stable string for "the same filter": the selection belongs to one filter and resets with it. */
export function filterKey(filter: NumberFilter, company: string | undefined): string {
  return JSON.stringify([
    filter.status,
    filter.search,
    filter.start_date,
    filter.end_date,
    filter.agent_id,
    filter.campaign_id,
    filter.status_changed_from,
    company,
  ]);
}
