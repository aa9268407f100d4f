import type { CallStatus } from '@dialdeck/contracts/numbers';
import type {
  AttemptsSummaryResponse,
  AttemptTrendResponse,
  BreakdownBy,
  BreakdownResponse,
  NumbersSummaryResponse,
  Timeframe,
  TrendGranularity,
  TrendSpan,
} from '@dialdeck/contracts/stats';
import type { CompanyRow } from '../../db/schema/database';
import { AppError } from '../../lib/errors';
import { toZonedIso, type Clock } from '../../lib/time';
import type { CampaignsService } from '../campaigns/campaigns.service';
import type { CompaniesService } from '../companies/companies.service';
import type { NumbersService } from '../numbers/numbers.service';
import { timeframeStart, trendBucketStarts, withPercentages } from './stats-buckets';
import { ALL_CAMPAIGNS, type Range, type StatsRepository } from './stats.repository';

/** A connected attempt, for the cost (migration 0017's dialdeck_is_connected is the SQL copy). */
const CONNECTED: CallStatus = 'CONNECTED';

const NO_KEY_LABEL: Record<BreakdownBy, string> = {
  campaign: 'No campaign',
  agent: 'No agent',
  line: 'No line',
  scenario: 'No scenario',
};

const roundMoney = (x: number) => Math.round(x * 100) / 100;

/**
 * The dashboard's figures (API.md "Statistics"). Each is exact at `as_of`: counters kept
 * in the same transaction as the rows they count, plus raw rows for a partial bucket.
 */
export class StatsService {
  constructor(
    private readonly stats: StatsRepository,
    private readonly numbers: NumbersService,
    private readonly campaigns: CampaignsService,
    private readonly companies: CompaniesService,
    private readonly clock: Clock,
  ) {}

  /** A timeframe runs from its start with no end: a result reported with a later attempt time counts too. */
  private range(timeframe: Timeframe, now: Date, company: CompanyRow): Range {
    return { from: timeframeStart(timeframe, now, company.timezone), to: null };
  }

  private static byStatus(rows: { status: CallStatus; n: number }[]): Map<CallStatus, number> {
    const m = new Map<CallStatus, number>();
    for (const r of rows) m.set(r.status, (m.get(r.status) ?? 0) + r.n);
    return m;
  }

  private async campaignKey(company: CompanyRow, campaignId: number | undefined): Promise<number> {
    if (campaignId === undefined) return ALL_CAMPAIGNS;
    if (!(await this.campaigns.exists(company.id, campaignId))) {
      throw new AppError('NOT_FOUND', 'Campaign not found.', { fields: { campaign_id: 'no such campaign' } });
    }
    return campaignId;
  }

  async numbersSummary(company: CompanyRow, q: { timeframe: Timeframe; campaignId?: number }): Promise<NumbersSummaryResponse> {
    const now = this.clock.now();
    const range = this.range(q.timeframe, now, company);
    let counts: Map<CallStatus, number>;
    if (q.campaignId !== undefined) {
      await this.campaignKey(company, q.campaignId);
      counts = await this.stats.campaignMembersByStatus(company.id, q.campaignId, range.from);
    } else {
      counts = range.from ? await this.stats.statesChanged(company.id, range) : await this.numbers.statusCounts(company);
    }
    const byStatus = withPercentages(counts);
    return {
      as_of: toZonedIso(now, company.timezone),
      total: byStatus.reduce((s, x) => s + x.count, 0),
      by_status: byStatus,
    };
  }

  async attemptsSummary(company: CompanyRow, q: { timeframe: Timeframe; campaignId?: number }): Promise<AttemptsSummaryResponse> {
    const now = this.clock.now();
    const key = await this.campaignKey(company, q.campaignId);
    const counts = StatsService.byStatus(await this.stats.attemptsByStatus(company.id, [this.range(q.timeframe, now, company)], key));
    const byStatus = withPercentages(counts);
    const settings = this.companies.settingsOf(company);
    const connected = counts.get(CONNECTED) ?? 0;
    return {
      as_of: toZonedIso(now, company.timezone),
      total: byStatus.reduce((s, x) => s + x.count, 0),
      by_status: byStatus,
      cost: {
        connected,
        cost_per_connected: settings.cost_per_connected,
        total: roundMoney(connected * settings.cost_per_connected),
        currency: settings.currency,
      },
    };
  }

  async attemptTrend(
    company: CompanyRow,
    q: { span: TrendSpan; granularity: TrendGranularity; campaignId?: number },
  ): Promise<AttemptTrendResponse> {
    const now = this.clock.now();
    const key = await this.campaignKey(company, q.campaignId);
    const starts = trendBucketStarts(q.span, q.granularity, now, company.timezone);
    // One range per bucket, each read as its whole counter buckets (days, hours, quarter hours).
    const rows = await this.stats.attemptsByStatus(
      company.id,
      starts.map((from, i) => ({ from, to: starts[i + 1] ?? null })),
      key,
    );
    const per = starts.map(() => new Map<CallStatus, number>());
    for (const r of rows) if (r.i >= 0 && r.i < per.length) per[r.i]!.set(r.status, (per[r.i]!.get(r.status) ?? 0) + r.n);
    return {
      as_of: toZonedIso(now, company.timezone),
      span: q.span,
      granularity: q.granularity,
      buckets: starts.map((start, i) => {
        const byStatus = withPercentages(per[i]!).map(({ status, count }) => ({ status, count }));
        return { timestamp: toZonedIso(start, company.timezone), total: byStatus.reduce((s, x) => s + x.count, 0), by_status: byStatus };
      }),
    };
  }

  async breakdown(company: CompanyRow, q: { by: BreakdownBy; timeframe: Timeframe; campaignId?: number }): Promise<BreakdownResponse> {
    const now = this.clock.now();
    const key = await this.campaignKey(company, q.campaignId);
    const rows = await this.stats.breakdown(company.id, q.by, this.range(q.timeframe, now, company), key);
    const labels = await this.stats.labels(
      company.id,
      q.by,
      rows.flatMap((r) => (r.key === null ? [] : [r.key])),
    );
    const items = rows
      .map((r) => ({
        key: r.key,
        label: r.key === null ? NO_KEY_LABEL[q.by] : (labels.get(r.key) ?? `#${r.key}`),
        total: r.total,
        connected: r.connected,
        transferred: r.transferred,
        avg_duration_seconds: r.durationN > 0 ? Math.round((r.durationSum / r.durationN) * 10) / 10 : null,
      }))
      .sort((a, b) => b.total - a.total || (a.key ?? 0) - (b.key ?? 0));
    return { as_of: toZonedIso(now, company.timezone), by: q.by, timeframe: q.timeframe, items };
  }

  /**
   * Attempts and connected attempts per line since `from` (like a timeframe, with no end):
   * the breakdown by line's own figures, so a line's health and the dashboard never disagree.
   */
  async lineTotals(companyId: number, from: Date): Promise<Map<number, { calls: number; connected: number }>> {
    const rows = await this.stats.breakdown(companyId, 'line', { from, to: null }, ALL_CAMPAIGNS);
    const m = new Map<number, { calls: number; connected: number }>();
    for (const r of rows) if (r.key !== null) m.set(r.key, { calls: r.total, connected: r.connected });
    return m;
  }

  /** Every recorded call per scenario, all time (a scenario's `used_by.calls`), from the counters. */
  async scenarioCalls(companyId: number): Promise<Map<number, number>> {
    const rows = await this.stats.breakdown(companyId, 'scenario', { from: null, to: null }, ALL_CAMPAIGNS);
    const m = new Map<number, number>();
    for (const r of rows) if (r.key !== null) m.set(r.key, r.total);
    return m;
  }
}
