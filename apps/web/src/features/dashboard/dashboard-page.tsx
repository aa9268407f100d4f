import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakdownBy, Timeframe, TrendGranularity, TrendSpan } from '@dialdeck/contracts/stats';
import { CompanyPicker } from '../../components/layout/company-picker';
import { CompactSelect } from '../../components/ui/form-field';
import { PageHeader } from '../../components/ui/page-header';
import { isolate } from '../../lib/bidi';
import { formatInZone } from '../../lib/calendar-dates';
import { hourCycleFor } from '../../lib/calendar-fields';
import { useHourCyclePreference } from '../../lib/calendar-fields-hooks';
import { cn } from '../../lib/cn';
import { useCompanyScope } from '../../lib/use-company-scope';
import { useFormat } from '../../lib/use-format';
import { useAttemptTrend } from './api/get-attempt-trend';
import { useAttemptsSummary } from './api/get-attempts-summary';
import { useBreakdown } from './api/get-breakdown';
import { useNumbersSummary } from './api/get-numbers-summary';
import { useStatsStream } from './api/use-stats-stream';
import { AttemptTrend } from './components/attempt-trend';
import { AttemptsByStatus } from './components/attempts-by-status';
import { BreakdownTable } from './components/breakdown-table';
import { DashboardToolbar } from './components/dashboard-toolbar';
import { KpiCards } from './components/kpi-cards';
import { LiveIndicator } from './components/live-indicator';
import { Panel } from './components/panel';
import { StatusDistribution } from './components/status-distribution';
import {
  BREAKDOWNS,
  DEFAULT_BREAKDOWN,
  DEFAULT_GRANULARITY,
  DEFAULT_SPAN,
  DEFAULT_TIMEFRAME,
  GRANULARITIES,
  SPANS,
  type DashboardSearch,
} from './dashboard-search';

export interface DashboardPageProps {
  search: DashboardSearch;
  onSearchChange: (next: DashboardSearch) => void;
}

/**
 * The admin's home: today's figures, the status distribution, attempts and their trend,
 * and breakdowns — live from the statistics stream, each number a way into the list it counts.
 */
export function DashboardPage({ search, onSearchChange }: DashboardPageProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const hourCycle = hourCycleFor(i18n.language, useHourCyclePreference());
  const { me, slug: company, companies, selected, label: companyLabel, searchValue } = useCompanyScope(search.company);
  const timeZone = (company ? selected?.timezone : me.company.timezone) ?? undefined;
  const campaignId = search.campaign_id;
  const timeframe = search.timeframe ?? DEFAULT_TIMEFRAME;
  const span = search.span ?? DEFAULT_SPAN;
  const granularity = search.granularity ?? DEFAULT_GRANULARITY;
  const by = search.by ?? DEFAULT_BREAKDOWN;

  const live = useStatsStream(company);
  const pool = useNumbersSummary('all', campaignId, company);
  const numbersToday = useNumbersSummary('today', campaignId, company);
  const attemptsToday = useAttemptsSummary('today', campaignId, company);
  const distribution = useNumbersSummary(timeframe, campaignId, company);
  const attempts = useAttemptsSummary(timeframe, campaignId, company);
  const trend = useAttemptTrend(span, granularity, campaignId, company);
  const breakdown = useBreakdown(by, timeframe, campaignId, company);

  // Defaults stay out of the address: /dashboard is the plain link.
  const change = useCallback(
    (patch: Partial<DashboardSearch>) => {
      const next = { ...search, ...patch };
      if (next.timeframe === DEFAULT_TIMEFRAME) next.timeframe = undefined;
      if (next.span === DEFAULT_SPAN) next.span = undefined;
      if (next.granularity === DEFAULT_GRANULARITY) next.granularity = undefined;
      if (next.by === DEFAULT_BREAKDOWN) next.by = undefined;
      onSearchChange(next);
    },
    [onSearchChange, search],
  );

  const asOf = attemptsToday.data?.as_of ?? pool.data?.as_of;
  const timeframeName = t(`dashboard.timeframes.${timeframe}`);

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        description={
          <>
            {t('dashboard.description', { company: isolate(companyLabel) })}{' '}
            {asOf ? (
              <span data-testid="dashboard-as-of">
                {t('dashboard.asOf', { time: formatInZone(asOf, i18n.language, timeZone, { dateStyle: 'medium', timeStyle: 'medium' }) })}
              </span>
            ) : null}
          </>
        }
        actions={
          <>
            <LiveIndicator state={live} />
            {me.is_superuser ? (
              <CompanyPicker
                companies={companies.data?.items ?? []}
                value={company ?? me.company.name}
                onChange={(slug) => onSearchChange({ company: searchValue(slug) })}
              />
            ) : null}
            <DashboardToolbar
              company={company}
              campaignId={campaignId}
              timeframe={timeframe}
              onCampaign={(id) => change({ campaign_id: id })}
              onTimeframe={(tf: Timeframe) => change({ timeframe: tf })}
            />
          </>
        }
      />
      <div className="space-y-6">
        <KpiCards
          pool={pool.data}
          numbersToday={numbersToday.data}
          attemptsToday={attemptsToday.data}
          campaignId={campaignId}
          company={company}
          format={format}
        />
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <Panel
            title={t('dashboard.distribution.title')}
            description={t(timeframe === 'all' ? 'dashboard.distribution.descriptionAll' : 'dashboard.distribution.description', {
              timeframe: timeframeName,
            })}
            query={distribution}
            testId="panel-distribution"
          >
            {distribution.data ? (
              <StatusDistribution
                summary={distribution.data}
                timeframe={timeframe}
                campaignId={campaignId}
                company={company}
                format={format}
              />
            ) : null}
          </Panel>
          <Panel
            title={t('dashboard.attempts.title')}
            description={t('dashboard.attempts.description', { timeframe: timeframeName })}
            query={attempts}
            testId="panel-attempts"
          >
            {attempts.data ? <AttemptsByStatus summary={attempts.data} format={format} /> : null}
          </Panel>
        </div>
        <Panel
          title={t('dashboard.trend.title')}
          description={t('dashboard.trend.description')}
          query={trend}
          testId="panel-trend"
          actions={
            <>
              <CompactSelect label={t('dashboard.trend.span')} value={span} onChange={(e) => change({ span: e.target.value as TrendSpan })}>
                {SPANS.map((s) => (
                  <option key={s} value={s}>
                    {t(`dashboard.trend.spans.${s}`)}
                  </option>
                ))}
              </CompactSelect>
              <div
                role="group"
                aria-label={t('dashboard.trend.granularity')}
                className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5 shadow-sm"
              >
                {GRANULARITIES.map((g: TrendGranularity) => (
                  <button
                    key={g}
                    type="button"
                    aria-pressed={granularity === g}
                    onClick={() => change({ granularity: g })}
                    className={cn(
                      'h-7 cursor-pointer rounded px-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600',
                      granularity === g ? 'bg-indigo-600 text-white' : 'text-zinc-700 hover:bg-zinc-100',
                    )}
                  >
                    {t(`dashboard.trend.${g}`)}
                  </button>
                ))}
              </div>
            </>
          }
        >
          {trend.data ? <AttemptTrend trend={trend.data} timeZone={timeZone} hourCycle={hourCycle} format={format} /> : null}
        </Panel>
        <Panel
          title={t('dashboard.breakdown.title')}
          description={t('dashboard.breakdown.description', { timeframe: timeframeName })}
          query={breakdown}
          testId="panel-breakdown"
          actions={
            <div
              role="group"
              aria-label={t('dashboard.breakdown.by')}
              className="inline-flex rounded-md border border-zinc-300 bg-white p-0.5 shadow-sm"
            >
              {BREAKDOWNS.map((b: BreakdownBy) => (
                <button
                  key={b}
                  type="button"
                  aria-pressed={by === b}
                  onClick={() => change({ by: b })}
                  className={cn(
                    'h-7 cursor-pointer rounded px-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600',
                    by === b ? 'bg-indigo-600 text-white' : 'text-zinc-700 hover:bg-zinc-100',
                  )}
                >
                  {t(`dashboard.breakdown.bys.${b}`)}
                </button>
              ))}
            </div>
          }
        >
          {breakdown.data ? (
            <BreakdownTable breakdown={breakdown.data} format={format} onCampaign={(id) => change({ campaign_id: id })} />
          ) : null}
        </Panel>
      </div>
    </>
  );
}
