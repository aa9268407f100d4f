/**
 * The dashboard's query keys, under one root: the live stream invalidates them all at
 * once (throttled) and writes today's attempts summary straight into its cache entry.
 */
export const statsKeys = {
  all: ['stats'] as const,
  numbersSummary: (timeframe: string, campaignId: number | undefined, company: string | undefined) =>
    ['stats', 'numbers-summary', timeframe, campaignId ?? null, company ?? null] as const,
  attemptsSummary: (timeframe: string, campaignId: number | undefined, company: string | undefined) =>
    ['stats', 'attempts-summary', timeframe, campaignId ?? null, company ?? null] as const,
  attemptTrend: (span: string, granularity: string, campaignId: number | undefined, company: string | undefined) =>
    ['stats', 'attempt-trend', span, granularity, campaignId ?? null, company ?? null] as const,
  breakdown: (by: string, timeframe: string, campaignId: number | undefined, company: string | undefined) =>
    ['stats', 'breakdown', by, timeframe, campaignId ?? null, company ?? null] as const,
};
