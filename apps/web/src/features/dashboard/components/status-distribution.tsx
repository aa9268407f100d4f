import { useMemo } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { NumbersSummaryResponse, Timeframe } from '@dialdeck/contracts/stats';
import { EmptyState } from '../../../components/ui/empty-state';
import { ListIcon } from '../../../components/ui/icons';
import type { Formatters } from '../../../lib/use-format';
import { chartDirection } from '../chart-locale';
import { numbersDrill } from '../drill-down';
import { ChartCanvas, type DashboardChartConfig } from './chart-canvas';
import { STATUS_COLOURS } from './chart-palette';
import { NumbersLink } from './numbers-link';

/**
 * Numbers by status as a doughnut, with the legend as a real table beside it: the table
 * is the accessible reading of the chart and every row links to exactly the numbers it counts.
 */
export function StatusDistribution({
  summary,
  timeframe,
  campaignId,
  company,
  format,
}: {
  summary: NumbersSummaryResponse;
  timeframe: Timeframe;
  campaignId: number | undefined;
  company: string | undefined;
  format: Formatters;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const rows = useMemo(() => summary.by_status.filter((s) => s.count > 0), [summary]);
  const drillOf = (status?: (typeof rows)[number]['status']) => numbersDrill(timeframe, summary.as_of, { status, campaignId, company });
  const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 });

  const config = useMemo<DashboardChartConfig>(() => {
    const { rtl, locale } = chartDirection(i18n.language);
    return {
      type: 'doughnut',
      data: {
        labels: rows.map((r) => t(`numbers.statuses.${r.status}`)),
        datasets: [
          {
            data: rows.map((r) => r.count),
            backgroundColor: rows.map((r) => STATUS_COLOURS[r.status]),
            borderColor: '#ffffff',
            borderWidth: 2,
          },
        ],
      },
      options: {
        locale,
        maintainAspectRatio: false,
        cutout: '60%',
        plugins: {
          legend: { display: false },
          tooltip: { rtl, textDirection: rtl ? 'rtl' : 'ltr' },
        },
      },
    };
  }, [rows, t, i18n.language]);

  if (summary.total === 0) {
    return (
      <EmptyState
        icon={<ListIcon />}
        title={t('dashboard.distribution.emptyTitle')}
        body={timeframe === 'all' ? t('dashboard.distribution.emptyAll') : t('dashboard.distribution.empty')}
      />
    );
  }

  return (
    <div className="flex flex-col items-stretch gap-5 sm:flex-row sm:items-center">
      <ChartCanvas
        className="mx-auto h-52 w-52 shrink-0"
        config={config}
        label={t('dashboard.distribution.chartLabel')}
        onItemClick={(_dataset, index) => {
          const row = rows[index];
          if (row) void navigate({ to: '/numbers', search: drillOf(row.status) });
        }}
      />
      <table className="w-full min-w-0 text-sm" data-testid="distribution-table">
        <caption className="sr-only">{t('dashboard.distribution.tableCaption')}</caption>
        <thead>
          <tr className="border-b border-zinc-200 text-xs text-zinc-500">
            <th scope="col" className="py-2 text-start font-medium">
              {t('dashboard.distribution.status')}
            </th>
            <th scope="col" className="py-2 text-end font-medium">
              {t('dashboard.distribution.count')}
            </th>
            <th scope="col" className="py-2 text-end font-medium">
              {t('dashboard.distribution.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.status} className="border-b border-zinc-100" data-status={row.status}>
              <th scope="row" className="py-1.5 text-start font-normal text-zinc-800">
                <span className="inline-flex items-center gap-2">
                  <span aria-hidden="true" className="size-3 rounded-sm" style={{ backgroundColor: STATUS_COLOURS[row.status] }} />
                  {t(`numbers.statuses.${row.status}`)}
                </span>
              </th>
              <td className="py-1.5 text-end tabular-nums">
                <NumbersLink
                  drill={drillOf(row.status)}
                  label={t('dashboard.distribution.open', { n: format.number(row.count), status: t(`numbers.statuses.${row.status}`) })}
                >
                  {format.number(row.count)}
                </NumbersLink>
              </td>
              <td className="py-1.5 text-end text-zinc-600 tabular-nums">{percent.format(row.percentage / 100)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="pt-2 text-start font-medium text-zinc-900">
              {t('dashboard.distribution.total')}
            </th>
            <td className="pt-2 text-end font-medium tabular-nums">
              <NumbersLink drill={drillOf()}>{format.number(summary.total)}</NumbersLink>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
