import { ErrorResponse } from '@dialdeck/contracts/common';
import {
  AttemptsSummaryResponse,
  AttemptTrendQuery,
  AttemptTrendResponse,
  BreakdownQuery,
  BreakdownResponse,
  NumbersSummaryResponse,
  StatsSummaryQuery,
} from '@dialdeck/contracts/stats';
import { principalOf, type Guards } from '../../lib/auth';
import type { App } from '../../lib/http';
import type { CompaniesService } from '../companies/companies.service';
import type { StatsService } from './stats.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

const TIMEFRAMES =
  '`timeframe`: `today` (since local midnight in the company time zone), `1h`, `3h`, `7d`, `30d` (rolling back from now) or `all`.';
const EXACT =
  'Exact at `as_of` (ISO 8601 with the company offset): the counters behind it are kept in the transaction of every write they count.';

/** The dashboard's statistics (API.md "Statistics"): admins of the company, a superuser for any with `company`. */
export function statsRoutes(app: App, deps: { guards: Guards; stats: StatsService; companies: CompaniesService }) {
  const { guards, stats, companies } = deps;
  const admin = guards.user('stats.read');
  const tags = ['statistics'];
  const scopeOf = (req: { query: { company?: string } } & Parameters<typeof principalOf>[0]) =>
    companies.resolveScope(principalOf(req), req.query.company);

  app.get('/api/stats/numbers-summary', {
    onRequest: admin,
    schema: {
      tags,
      summary: "The company's numbers by current status",
      description:
        `${TIMEFRAMES} With \`all\`, every number of the pool with this company's current status (IN_QUEUE included: ` +
        '`total` equals GET /api/numbers/stats); otherwise the numbers whose status for the company was set inside the ' +
        "timeframe (GET /api/numbers?status_changed_from= lists them). `campaign_id`: that campaign's members only. " +
        `Percentages have one decimal and add up to 100. ${EXACT}`,
      querystring: StatsSummaryQuery,
      response: { 200: NumbersSummaryResponse, ...errors },
    },
    handler: async (req) => stats.numbersSummary(await scopeOf(req), { timeframe: req.query.timeframe, campaignId: req.query.campaign_id }),
  });

  app.get('/api/stats/attempts-summary', {
    onRequest: admin,
    schema: {
      tags,
      summary: "The company's call attempts by status, with their cost",
      description:
        `${TIMEFRAMES} Attempts are dialer and call-job results attempted inside the timeframe (manual status changes are ` +
        'not). `cost` = connected attempts × the company setting `cost_per_connected`, in its currency. ' +
        `\`campaign_id\`: results reported for that campaign. ${EXACT}`,
      querystring: StatsSummaryQuery,
      response: { 200: AttemptsSummaryResponse, ...errors },
    },
    handler: async (req) =>
      stats.attemptsSummary(await scopeOf(req), { timeframe: req.query.timeframe, campaignId: req.query.campaign_id }),
  });

  app.get('/api/stats/attempt-trend', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Call attempts per local hour or day',
      description:
        'Buckets start on local hours (`hourly`: the span in hours back from the current hour, e.g. 24 for `24h`) or local ' +
        'days (`daily`: the span in days, ending today; `6h` and `24h` give today alone) in the company time zone; every ' +
        "bucket is present, empty ones with total 0, oldest first; a bucket's `timestamp` is its local start with its own " +
        `offset (a DST day is a 23- or 25-hour bucket). ${EXACT}`,
      querystring: AttemptTrendQuery,
      response: { 200: AttemptTrendResponse, ...errors },
    },
    handler: async (req) =>
      stats.attemptTrend(await scopeOf(req), {
        span: req.query.span,
        granularity: req.query.granularity,
        campaignId: req.query.campaign_id,
      }),
  });

  app.get('/api/stats/breakdown', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Call attempts per campaign, agent, line or scenario',
      description:
        `One item per key with its attempts inside the timeframe (default \`today\`), connected and transferred ones and ` +
        'the average duration of those with one; `key` null for attempts without one. Labels: campaign name, agent full ' +
        `name (username when unnamed), line and scenario display names (\`#<id>\` for one deleted since). Sorted by total, largest first. ${TIMEFRAMES} ${EXACT}`,
      querystring: BreakdownQuery,
      response: { 200: BreakdownResponse, ...errors },
    },
    handler: async (req) =>
      stats.breakdown(await scopeOf(req), { by: req.query.by, timeframe: req.query.timeframe, campaignId: req.query.campaign_id }),
  });
}
