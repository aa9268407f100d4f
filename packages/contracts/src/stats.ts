import { z } from 'zod';
import { CompanyScopeQuery, Count, IdParam, Timestamp } from './common';
import { CallStatus } from './numbers';

/**
 * The statistics API (API.md "Statistics"). Every answer carries `as_of`: the instant its
 * figures are exact to, in the company's offset.
 */

/** `today` = since local midnight in the company's timezone; the others roll back from now; `all` = everything. */
export const Timeframe = z.enum(['all', 'today', '1h', '3h', '7d', '30d']);
export type Timeframe = z.infer<typeof Timeframe>;

export const TrendSpan = z.enum(['6h', '24h', '7d', '30d']);
export type TrendSpan = z.infer<typeof TrendSpan>;

export const TrendGranularity = z.enum(['hourly', 'daily']);
export type TrendGranularity = z.infer<typeof TrendGranularity>;

export const BreakdownBy = z.enum(['campaign', 'agent', 'line', 'scenario']);
export type BreakdownBy = z.infer<typeof BreakdownBy>;

export const StatsSummaryQuery = CompanyScopeQuery.extend({
  timeframe: Timeframe.default('all'),
  campaign_id: IdParam.optional(),
});
export type StatsSummaryQuery = z.infer<typeof StatsSummaryQuery>;

export const AttemptTrendQuery = CompanyScopeQuery.extend({
  span: TrendSpan.default('24h'),
  granularity: TrendGranularity.default('hourly'),
  campaign_id: IdParam.optional(),
});
export type AttemptTrendQuery = z.infer<typeof AttemptTrendQuery>;

export const BreakdownQuery = CompanyScopeQuery.extend({
  by: BreakdownBy,
  timeframe: Timeframe.default('today'),
  campaign_id: IdParam.optional(),
});
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;

export const StatusCount = z.object({
  status: CallStatus,
  count: Count,
  /** One decimal; the percentages of one answer add up to 100 ± 0.1 (0 when the total is 0). */
  percentage: z.number().min(0).max(100),
});
export type StatusCount = z.infer<typeof StatusCount>;

export const NumbersSummaryResponse = z.object({
  as_of: Timestamp,
  total: Count,
  by_status: z.array(StatusCount),
});
export type NumbersSummaryResponse = z.infer<typeof NumbersSummaryResponse>;

export const AttemptsCost = z.object({
  connected: Count,
  cost_per_connected: z.number().min(0),
  total: z.number().min(0),
  currency: z.string(),
});
export type AttemptsCost = z.infer<typeof AttemptsCost>;

export const AttemptsSummaryResponse = z.object({
  as_of: Timestamp,
  total: Count,
  by_status: z.array(StatusCount),
  cost: AttemptsCost,
});
export type AttemptsSummaryResponse = z.infer<typeof AttemptsSummaryResponse>;

export const TrendBucket = z.object({
  /** The bucket's local start (hour or day) with its own offset. */
  timestamp: Timestamp,
  total: Count,
  by_status: z.array(z.object({ status: CallStatus, count: Count })),
});
export type TrendBucket = z.infer<typeof TrendBucket>;

export const AttemptTrendResponse = z.object({
  as_of: Timestamp,
  span: TrendSpan,
  granularity: TrendGranularity,
  /** Every bucket of the span, oldest first; empty ones with total 0. */
  buckets: z.array(TrendBucket),
});
export type AttemptTrendResponse = z.infer<typeof AttemptTrendResponse>;

export const BreakdownItem = z.object({
  /** The campaign, agent, line or scenario id; null for calls without one. */
  key: z.number().int().nullable(),
  label: z.string(),
  total: Count,
  connected: Count,
  transferred: Count,
  avg_duration_seconds: z.number().min(0).nullable(),
});
export type BreakdownItem = z.infer<typeof BreakdownItem>;

export const BreakdownResponse = z.object({
  as_of: Timestamp,
  by: BreakdownBy,
  timeframe: Timeframe,
  /** Sorted by total, largest first. */
  items: z.array(BreakdownItem),
});
export type BreakdownResponse = z.infer<typeof BreakdownResponse>;

/** The data of a `stats` Server-Sent Event: today's attempts summary, fresh. */
export const StatsStreamEvent = z.object({ attempts_today: AttemptsSummaryResponse });
export type StatsStreamEvent = z.infer<typeof StatsStreamEvent>;

/** A short-lived ticket for `GET /api/stats/stream?ticket=…` (an EventSource cannot send headers). */
export const StreamTicketResponse = z.object({ ticket: z.string(), expires_at: Timestamp });
export type StreamTicketResponse = z.infer<typeof StreamTicketResponse>;
