import { z } from 'zod';
import { BreakdownBy, Timeframe, TrendGranularity, TrendSpan } from '@dialdeck/contracts/stats';

/**
 * The dashboard's URL state: a reload or a shared link shows the same figures.
 * A bad value is dropped (the default applies), not an error.
 */
export const DashboardSearch = z.object({
  company: z.string().trim().min(1).max(63).optional().catch(undefined),
  campaign_id: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  timeframe: Timeframe.optional().catch(undefined),
  span: TrendSpan.optional().catch(undefined),
  granularity: TrendGranularity.optional().catch(undefined),
  by: BreakdownBy.optional().catch(undefined),
});
export type DashboardSearch = z.infer<typeof DashboardSearch>;

export const DEFAULT_TIMEFRAME: Timeframe = 'today';
export const DEFAULT_SPAN: TrendSpan = '24h';
export const DEFAULT_GRANULARITY: TrendGranularity = 'hourly';
export const DEFAULT_BREAKDOWN: BreakdownBy = 'campaign';

export const TIMEFRAMES = Timeframe.options;
export const SPANS = TrendSpan.options;
export const GRANULARITIES = TrendGranularity.options;
export const BREAKDOWNS = BreakdownBy.options;
