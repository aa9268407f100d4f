import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_STATUSES } from '@dialdeck/contracts/numbers';
import type { AttemptTrendResponse } from '@dialdeck/contracts/stats';
import { EmptyState } from '../../../components/ui/empty-state';
import { CalendarIcon } from '../../../components/ui/icons';
import type { HourCycle } from '../../../lib/calendar-fields';
import type { Formatters } from '../../../lib/use-format';
import { bucketFormatter, chartDirection } from '../chart-locale';
import { ChartCanvas, type DashboardChartConfig } from './chart-canvas';
import { STATUS_COLOURS } from './chart-palette';
import { TableToggle } from './panel';

/**
 * Attempts per local hour or day as bars stacked by status. Time runs right to left in
 * fa and he (the x axis reversed, the y axis on the right), labels in the UI calendar.
 */
export function AttemptTrend({
  trend,
  timeZone,
  hourCycle,
  format,
}: {
  trend: AttemptTrendResponse;
  timeZone: string | undefined;
  hourCycle: HourCycle;
  format: Formatters;
}) {
  const { t, i18n } = useTranslation();
  const [table, setTable] = useState(false);
  const label = useMemo(
    () => bucketFormatter(i18n.language, timeZone, trend.span, trend.granularity, hourCycle),
    [i18n.language, timeZone, trend.span, trend.granularity, hourCycle],
  );
  // Only statuses that occur get a series, in the contract's order so colours and legend stay put.
  const statuses = useMemo(
    () => CALL_STATUSES.filter((s) => trend.buckets.some((b) => b.by_status.some((x) => x.status === s && x.count > 0))),
    [trend],
  );
  const countOf = (bucket: AttemptTrendResponse['buckets'][number], status: string) =>
    bucket.by_status.find((x) => x.status === status)?.count ?? 0;
  const total = trend.buckets.reduce((sum, b) => sum + b.total, 0);

  const config = useMemo<DashboardChartConfig>(() => {
    const { rtl, locale } = chartDirection(i18n.language);
    return {
      type: 'bar',
      data: {
        labels: trend.buckets.map((b) => label(b.timestamp)),
        datasets: statuses.map((status) => ({
          label: t(`numbers.statuses.${status}`),
          data: trend.buckets.map((b) => b.by_status.find((x) => x.status === status)?.count ?? 0),
          backgroundColor: STATUS_COLOURS[status],
          stack: 'attempts',
        })),
      },
      options: {
        locale,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: true, reverse: rtl, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
          y: { stacked: true, beginAtZero: true, position: rtl ? 'right' : 'left', ticks: { precision: 0 } },
        },
        plugins: {
          legend: { position: 'bottom', rtl, textDirection: rtl ? 'rtl' : 'ltr', labels: { boxWidth: 12 } },
          tooltip: { rtl, textDirection: rtl ? 'rtl' : 'ltr' },
        },
      },
    };
  }, [trend, statuses, label, t, i18n.language]);

  if (total === 0) {
    return <EmptyState icon={<CalendarIcon />} title={t('dashboard.trend.emptyTitle')} body={t('dashboard.trend.empty')} />;
  }

  return (
    <div className="space-y-3">
      <div className="flex justify-end">
        <TableToggle table={table} onToggle={() => setTable((v) => !v)} />
      </div>
      {table ? (
        <div className="max-h-96 overflow-auto" tabIndex={0} role="region" aria-label={t('dashboard.trend.title')}>
          <table className="w-full text-sm" data-testid="trend-table">
            <caption className="sr-only">{t('dashboard.trend.title')}</caption>
            <thead className="sticky top-0 bg-white">
              <tr className="border-b border-zinc-200 text-xs text-zinc-500">
                <th scope="col" className="py-2 text-start font-medium">
                  {t('dashboard.trend.time')}
                </th>
                <th scope="col" className="px-2 py-2 text-end font-medium">
                  {t('dashboard.trend.total')}
                </th>
                {statuses.map((s) => (
                  <th key={s} scope="col" className="px-2 py-2 text-end font-medium whitespace-nowrap">
                    {t(`numbers.statuses.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {trend.buckets.map((b) => (
                <tr key={b.timestamp} className="border-b border-zinc-100">
                  <th scope="row" className="py-1.5 text-start font-normal whitespace-nowrap">
                    <time dateTime={b.timestamp}>{label(b.timestamp)}</time>
                  </th>
                  <td className="px-2 py-1.5 text-end font-medium tabular-nums">{format.number(b.total)}</td>
                  {statuses.map((s) => (
                    <td key={s} className="px-2 py-1.5 text-end tabular-nums">
                      {format.number(countOf(b, s))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <ChartCanvas className="h-72 w-full" config={config} label={t('dashboard.trend.chartLabel')} />
      )}
    </div>
  );
}
