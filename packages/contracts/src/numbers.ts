import { z } from 'zod';
import { CompanyScopeQuery, Id, PaginationQuery, Timestamp, IdParam, RowId, Count } from './common';

export const CALL_STATUSES = [
  'IN_QUEUE',
  'MISSED',
  'CONNECTED',
  'FAILED',
  'NOT_INTERESTED',
  'HANGUP',
  'DISCONNECTED',
  'BUSY',
  'POWER_OFF',
  'BANNED',
  'UNKNOWN',
  'INBOUND_CALL',
  'COMPLAINED',
] as const;
export const CallStatus = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof CallStatus>;

/** Statuses an admin or agent may change from and to; only a superuser touches the others. */
export const MUTABLE_STATUSES: readonly CallStatus[] = ['IN_QUEUE', 'MISSED', 'BUSY', 'POWER_OFF', 'BANNED'];
export const isMutableStatus = (s: CallStatus) => MUTABLE_STATUSES.includes(s);

export const GlobalStatus = z.enum(['ACTIVE', 'POWER_OFF', 'COMPLAINED']);
export type GlobalStatus = z.infer<typeof GlobalStatus>;

const DateBound = z.iso
  .datetime({ offset: true, local: true })
  .or(z.iso.date())
  .describe('ISO 8601 date or date-time; a date alone means that day in the company time zone');

/** The selection every numbers read and bulk action shares. */
export const NumberFilter = z.object({
  status: CallStatus.optional(),
  search: z
    .string()
    .trim()
    .max(32, 'at most 32 characters')
    // Matched as phone digits (Persian and Arabic digits too); empty means no filter.
    .regex(/^$|[0-9۰-۹٠-٩]/, 'digits of a phone number')
    .optional(),
  start_date: DateBound.optional(),
  end_date: DateBound.optional(),
  /** Numbers whose status for this company was set at or after this (the dashboard's numbers-summary timeframes). */
  status_changed_from: DateBound.optional(),
  agent_id: IdParam.optional(),
  campaign_id: IdParam.optional(),
});
export type NumberFilter = z.infer<typeof NumberFilter>;

export const NumberSort = z.object({
  sort_by: z.enum(['id', 'last_attempt_at', 'status']).default('id'),
  sort_order: z.enum(['asc', 'desc']).default('desc'),
});

export const ListNumbersQuery = PaginationQuery.extend(CompanyScopeQuery.shape).extend(NumberFilter.shape).extend(NumberSort.shape);
export type ListNumbersQuery = z.infer<typeof ListNumbersQuery>;

export const CountNumbersQuery = CompanyScopeQuery.extend(NumberFilter.shape);
export type CountNumbersQuery = z.infer<typeof CountNumbersQuery>;

export const NumberResponse = z.object({
  id: RowId,
  phone_number: z.string(),
  global_status: GlobalStatus,
  status: CallStatus,
  total_attempts: Count,
  last_attempt_at: Timestamp.nullable(),
  status_changed_at: Timestamp.nullable(),
  last_user_message: z.string().nullable(),
  assigned_agent_id: RowId.nullable(),
  agent_name: z.string().nullable(),
  last_called_at: Timestamp.nullable(),
});
export type NumberResponse = z.infer<typeof NumberResponse>;

export const ListNumbersResponse = z.object({
  items: z.array(NumberResponse),
  skip: Count,
  limit: Count,
});
export type ListNumbersResponse = z.infer<typeof ListNumbersResponse>;

export const CountNumbersResponse = z.object({ total: Count });
export type CountNumbersResponse = z.infer<typeof CountNumbersResponse>;

/** At most this many values in one add-by-text request (files have no such cap). */
export const MAX_NUMBERS_PER_REQUEST = 100_000;

export const AddNumbersRequest = z.strictObject({
  numbers: z.union([
    z.string().max(4_000_000, 'at most 4,000,000 characters'),
    z.array(z.union([z.string().max(64), z.number()])).max(MAX_NUMBERS_PER_REQUEST, `at most ${MAX_NUMBERS_PER_REQUEST} numbers`),
  ]),
  campaign_id: Id.optional(),
});
export type AddNumbersRequest = z.infer<typeof AddNumbersRequest>;

export const ImportError = z.object({
  value: z.string(),
  reason: z.string(),
  line: Count.optional(),
});
export type ImportError = z.infer<typeof ImportError>;

export const AddNumbersResponse = z.object({
  added: Count,
  duplicates: Count,
  invalid: Count,
  errors: z.array(ImportError).max(100),
});
export type AddNumbersResponse = z.infer<typeof AddNumbersResponse>;

export const UpdateNumberStatusRequest = z.strictObject({ status: CallStatus });
export type UpdateNumberStatusRequest = z.infer<typeof UpdateNumberStatusRequest>;

export const BulkAction = z.enum(['update_status', 'reset', 'delete']);
export type BulkAction = z.infer<typeof BulkAction>;

const IdList = z.array(Id).max(100_000, 'at most 100,000 ids');

/** The numbers a bulk action or an export works on: these ids, or all the filter selects but the excluded. */
const Selection = {
  select_all: z.literal(true).optional(),
  ids: IdList.optional(),
  excluded_ids: IdList.optional(),
};

function checkSelection(b: { select_all?: true; ids?: number[] }, ctx: z.RefinementCtx) {
  if (!b.select_all && !(b.ids && b.ids.length > 0))
    ctx.addIssue({ code: 'custom', path: ['ids'], message: 'give ids, or select_all: true' });
  if (b.select_all && b.ids) ctx.addIssue({ code: 'custom', path: ['ids'], message: 'give either ids or select_all, not both' });
}

/**
 * `status` is the new status of update_status (API.md, the seed's `{action, status, ids}`);
 * for reset and delete it filters the select-all selection. To set a status on a selection
 * filtered by status, give the new one as `new_status` and the filter as `status`.
 */
export const BulkNumbersRequest = z
  .object({
    action: BulkAction,
    status: CallStatus.optional(),
    new_status: CallStatus.optional(),
    ...Selection,
  })
  .extend(NumberFilter.shape)
  .strict()
  .superRefine((b, ctx) => {
    if (b.action === 'update_status' && !b.status && !b.new_status)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'required for update_status' });
    if (b.action !== 'update_status' && b.new_status)
      ctx.addIssue({ code: 'custom', path: ['new_status'], message: 'only with update_status' });
    checkSelection(b, ctx);
  });
export type BulkNumbersRequest = z.infer<typeof BulkNumbersRequest>;

export const ExportNumbersRequest = z.object(Selection).extend(NumberFilter.shape).strict().superRefine(checkSelection);
export type ExportNumbersRequest = z.infer<typeof ExportNumbersRequest>;

export const BulkNumbersResponse = z.object({ affected: Count });
export type BulkNumbersResponse = z.infer<typeof BulkNumbersResponse>;

/** A page of a number's history: at most this many results unless `limit` says fewer. */
export const MAX_HISTORY_LIMIT = 100;

export const ListNumberHistoryQuery = CompanyScopeQuery.extend({
  cursor: z
    .string()
    .max(64, 'at most 64 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this server gave')
    .optional()
    .describe('next_cursor of the previous page, as given (opaque); none for the first page'),
  limit: z.coerce.number().int().min(1).max(MAX_HISTORY_LIMIT).default(20).describe(`results per page, 1 to ${MAX_HISTORY_LIMIT}`),
});
export type ListNumberHistoryQuery = z.infer<typeof ListNumberHistoryQuery>;

/** One call result of this company for a number (API.md "call", the fields the results table stores). */
export const NumberHistoryItem = z.object({
  id: RowId,
  number_id: RowId,
  status: CallStatus,
  /** `dialer`: a call a dialer reported; `manual`: a status set in the app. */
  source: z.enum(['dialer', 'manual']),
  reason: z.string().nullable(),
  attempted_at: Timestamp,
  agent_id: RowId.nullable(),
  agent_name: z.string().nullable(),
  user_message: z.string().nullable(),
  duration_seconds: Count.nullable(),
  call_sid: z.string().nullable(),
  transcript: z.string().nullable(),
  summary: z.string().nullable(),
  recording_url: z.string().nullable(),
  campaign_id: RowId.nullable(),
  transferred: z.boolean(),
  transfer_reason: z.string().nullable(),
  transfer_department: z.string().nullable(),
});
export type NumberHistoryItem = z.infer<typeof NumberHistoryItem>;

export const ListNumberHistoryResponse = z.object({
  /** The number as this company sees it: its global status and this company's status. */
  number: NumberResponse,
  items: z.array(NumberHistoryItem),
  /** Give it as `cursor` for the next page; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type ListNumberHistoryResponse = z.infer<typeof ListNumberHistoryResponse>;
