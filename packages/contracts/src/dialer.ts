import { z } from 'zod';
import { Id, Timestamp, displayText, IdParam, RowId, Count } from './common';
import { CallStatus } from './numbers';
import { RefusalReason } from './schedule';
import { LineRef } from './lines';

export const CreateDialerTokenRequest = z.strictObject({ name: displayText(100, { min: 1 }) });
export const CreatedDialerTokenResponse = z.object({ id: RowId, name: z.string(), token: z.string(), created_at: Timestamp });
export const DialerTokenResponse = z.object({
  id: RowId,
  name: z.string(),
  created_at: Timestamp,
  last_used_at: Timestamp.nullable(),
});
export const ListDialerTokensResponse = z.object({ items: z.array(DialerTokenResponse) });
export type DialerTokenResponse = z.infer<typeof DialerTokenResponse>;

export const NextBatchQuery = z.object({
  size: z.coerce.number().int().min(1, '1 to 500').max(500, '1 to 500').default(100),
  campaign_id: IdParam.optional(),
});
export type NextBatchQuery = z.infer<typeof NextBatchQuery>;

/** `outbound_line`: the agent's own assigned line, when the company has lines (issue 12). */
export const ActiveAgent = z.object({
  id: RowId,
  full_name: z.string(),
  phone_number: z.string().nullable(),
  outbound_line: LineRef.optional(),
});

const BatchCommon = {
  timezone: z.string(),
  server_time: Timestamp,
  schedule_version: Count,
};

export const NextBatchAllowed = z.object({
  call_allowed: z.literal(true),
  ...BatchCommon,
  active_agents: z.array(ActiveAgent),
  batch: z.object({
    batch_id: z.string(),
    size_requested: Count,
    size_returned: Count,
    /** `outbound_line`: the caller ID to use, when the company has active lines (rotated over them). */
    numbers: z.array(z.object({ id: RowId, phone_number: z.string(), outbound_line: LineRef.optional() })),
  }),
});
export const NextBatchRefused = z.object({
  call_allowed: z.literal(false),
  ...BatchCommon,
  reason: RefusalReason,
  retry_after_seconds: Count,
});
export const NextBatchResponse = z.union([NextBatchAllowed, NextBatchRefused]);
export type NextBatchResponse = z.infer<typeof NextBatchResponse>;

const optionalText = (max: number) => z.string().max(max, `at most ${max} characters`).nullish();

export const ReportResultRequest = z
  .strictObject({
    number_id: Id.nullish(),
    phone_number: z.string().max(64).nullish(),
    status: CallStatus.exclude(['IN_QUEUE']),
    reason: optionalText(500),
    attempted_at: z.iso.datetime({ offset: true }).nullish(),
    call_allowed: z.boolean().nullish(),
    agent_id: Id.nullish(),
    agent_phone: z.string().max(64).nullish(),
    user_message: optionalText(4000),
    campaign_id: Id.nullish(),
    scenario_id: Id.nullish(),
    outbound_line_id: Id.nullish(),
    duration_seconds: z.number().int().min(0).max(86_400).nullish(),
    call_sid: optionalText(200),
    transcript: optionalText(200_000),
    summary: optionalText(20_000),
    recording_url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullish(),
    transferred: z.boolean().nullish(),
    transfer_reason: optionalText(500),
    transfer_department: optionalText(200),
    report_id: z.string().min(1).max(200).nullish(),
  })
  .refine((r) => r.number_id != null || (r.phone_number != null && r.phone_number.trim() !== ''), {
    message: 'phone_number or number_id is required',
    path: ['phone_number'],
  });
export type ReportResultRequest = z.infer<typeof ReportResultRequest>;

export const ReportResultResponse = z.object({ call_result_id: RowId, number_id: RowId, duplicate: z.boolean() });
export type ReportResultResponse = z.infer<typeof ReportResultResponse>;

export const MAX_REPORTS_PER_REQUEST = 500;
export const ReportResultsRequest = z.strictObject({
  results: z
    .array(ReportResultRequest)
    .min(1, 'at least one result')
    .max(MAX_REPORTS_PER_REQUEST, `at most ${MAX_REPORTS_PER_REQUEST} results`),
});
export const ReportResultsResponse = z.object({ items: z.array(ReportResultResponse) });

/**
 * Why a number is not available to a company, in the order the funnel counts them: a
 * number is counted at the first that applies. The same order as dd_exclusion in
 * migration 0014, which is what the dispatch walk itself uses (a db test checks both).
 * The first three are final for the company; the last two end by themselves.
 */
export const EXCLUSION_ORDER = ['globally_blocked', 'called_by_company', 'outside_campaign', 'cooling_down', 'locked'] as const;
export type Exclusion = (typeof EXCLUSION_ORDER)[number];

export const DiagnosticsQuery = z.object({ campaign_id: IdParam.optional() });
export const DiagnosticsResponse = z.object({
  total: Count,
  globally_blocked: Count,
  cooling_down: Count,
  called_by_company: Count,
  locked: Count,
  outside_campaign: Count,
  available: Count,
  schedule: z.object({
    call_allowed: z.boolean(),
    reason: RefusalReason.nullable(),
    next_allowed_at: Timestamp.nullable(),
    timezone: z.string(),
    server_time: Timestamp,
  }),
});
export type DiagnosticsResponse = z.infer<typeof DiagnosticsResponse>;
