import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttemptsSummaryResponse } from '@dialdeck/contracts/stats';
import { EmptyState } from '../../../components/ui/empty-state';
import { DialpadIcon } from '../../../components/ui/icons';
import type { Formatters } from '../../../lib/use-format';
import { chartDirection } from '../chart-locale';
import { ChartCanvas, type DashboardChartConfig } from './chart-canvas';
import { STATUS_COLOURS } from './chart-palette';
import { TableToggle } from './panel';

/** Call attempts by the status they ended in, as horizontal bars (growing from the right in fa and he) or as a table. */
export function AttemptsByStatus({ summary, format }: { summary: AttemptsSummaryResponse; format: Formatters }) {
  const { t, i18n } = useTranslation();
  const [table, setTable] = useState(false);
  const rows = useMemo(() => summary.by_status.filter((s) => s.count > 0).sort((a, b) => b.count - a.count), [summary]);
  const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 });

  const config = useMemo<DashboardChartConfig>(() => {
    const { rtl, locale } = chartDirection(i18n.language);
    return {
      type: 'bar',
      data: {
        labels: rows.map((r) => t(`numbers.statuses.${r.status}`)),
        datasets: [
          {
            label: t('dashboard.attempts.count'),
            data: rows.map((r) => r.count),
            backgroundColor: rows.map((r) => STATUS_COLOURS[r.status]),
            borderRadius: 3,
          },
        ],
      },
      options: {
        locale,
        indexAxis: 'y',
        maintainAspectRatio: false,
        scales: {
          x: { reverse: rtl, beginAtZero: true, ticks: { precision: 0 } },
          y: { position: rtl ? 'right' : 'left' },
        },
        plugins: { legend: { display: false }, tooltip: { rtl, textDirection: rtl ? 'rtl' : 'ltr' } },
      },
    };
  }, [rows, t, i18n.language]);

  if (summary.total === 0) {
    return <EmptyState icon={<DialpadIcon />} title={t('dashboard.attempts.emptyTitle')} body={t('dashboard.attempts.empty')} />;
  }

  return (
    <div className="space-y-3">
      <div className="flex justify-end">
        <TableToggle table={table} onToggle={() => setTable((v) => !v)} />
      </div>
      {table ? (
        <table className="w-full text-sm" data-testid="attempts-table">
          <caption className="sr-only">{t('dashboard.attempts.title')}</caption>
          <thead>
            <tr className="border-b border-zinc-200 text-xs text-zinc-500">
              <th scope="col" className="py-2 text-start font-medium">
                {t('dashboard.distribution.status')}
              </th>
              <th scope="col" className="py-2 text-end font-medium">
                {t('dashboard.attempts.count')}
              </th>
              <th scope="col" className="py-2 text-end font-medium">
                {t('dashboard.distribution.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.status} className="border-b border-zinc-100">
                <th scope="row" className="py-1.5 text-start font-normal">
                  {t(`numbers.statuses.${row.status}`)}
                </th>
                <td className="py-1.5 text-end tabular-nums">{format.number(row.count)}</td>
                <td className="py-1.5 text-end text-zinc-600 tabular-nums">{percent.format(row.percentage / 100)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <ChartCanvas className="h-64 w-full" config={config} label={t('dashboard.attempts.chartLabel')} />
      )}
    </div>
  );
}
