import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakdownItem, BreakdownResponse } from '@dialdeck/contracts/stats';
import { EmptyState } from '../../../components/ui/empty-state';
import { UsersIcon } from '../../../components/ui/icons';
import { isolate } from '../../../lib/bidi';
import type { Formatters } from '../../../lib/use-format';
import { SortHeader, ariaSortOf, type SortOrder } from './sort-header';

type Column = 'label' | 'total' | 'connected' | 'transferred' | 'rate' | 'avg';

const valueOf: Record<Column, (item: BreakdownItem) => number | string> = {
  label: (i) => i.label,
  total: (i) => i.total,
  connected: (i) => i.connected,
  transferred: (i) => i.transferred,
  rate: (i) => (i.total ? i.connected / i.total : 0),
  avg: (i) => i.avg_duration_seconds ?? -1,
};

/** Sorted on the client: the answer holds every key of the timeframe already. Ties keep the server's order (by total). */
export function sortItems(items: BreakdownItem[], column: Column, order: SortOrder, locale: string): BreakdownItem[] {
  const collator = new Intl.Collator(locale);
  const sign = order === 'asc' ? 1 : -1;
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const x = valueOf[column](a.item);
      const y = valueOf[column](b.item);
      const c = typeof x === 'string' && typeof y === 'string' ? collator.compare(x, y) : Number(x) - Number(y);
      return c * sign || a.index - b.index;
    })
    .map((x) => x.item);
}

/**
 * Attempts per campaign, agent, line or scenario. A campaign's name narrows the whole
 * dashboard to it (the figures it has are attempts, which the Numbers list does not count).
 */
export function BreakdownTable({
  breakdown,
  format,
  onCampaign,
}: {
  breakdown: BreakdownResponse;
  format: Formatters;
  onCampaign: (campaignId: number) => void;
}) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ column: Column; order: SortOrder }>({ column: 'total', order: 'desc' });
  const rows = useMemo(() => sortItems(breakdown.items, sort.column, sort.order, format.locale), [breakdown, sort, format.locale]);
  const percent = new Intl.NumberFormat(format.locale, { style: 'percent', maximumFractionDigits: 1 });
  const seconds = new Intl.NumberFormat(format.locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 0 });

  if (breakdown.items.length === 0) {
    return <EmptyState icon={<UsersIcon />} title={t('dashboard.breakdown.emptyTitle')} body={t('dashboard.breakdown.empty')} />;
  }

  const header = (column: Column, label: string, end = true) => (
    <th
      scope="col"
      aria-sort={ariaSortOf(sort.column === column, sort.order)}
      className={end ? 'px-3 py-2 text-end' : 'px-3 py-2 text-start'}
    >
      <SortHeader
        label={label}
        active={sort.column === column}
        order={sort.order}
        onSort={() =>
          setSort((s) =>
            s.column === column
              ? { column, order: s.order === 'asc' ? 'desc' : 'asc' }
              : { column, order: column === 'label' ? 'asc' : 'desc' },
          )
        }
      />
    </th>
  );

  return (
    // Focusable, so a keyboard can scroll a table wider than a phone.
    <div
      className="-mx-5 overflow-x-auto"
      tabIndex={0}
      role="region"
      aria-label={t('dashboard.breakdown.caption', { by: t(`dashboard.breakdown.bys.${breakdown.by}`) })}
    >
      <table className="w-full text-sm" data-testid="breakdown-table">
        <caption className="sr-only">{t('dashboard.breakdown.caption', { by: t(`dashboard.breakdown.bys.${breakdown.by}`) })}</caption>
        <thead>
          <tr className="border-b border-zinc-200 text-xs font-medium text-zinc-500">
            {header('label', t(`dashboard.breakdown.bys.${breakdown.by}`), false)}
            {header('total', t('dashboard.breakdown.total'))}
            {header('connected', t('dashboard.breakdown.connected'))}
            {header('rate', t('dashboard.breakdown.connectRate'))}
            {header('transferred', t('dashboard.breakdown.transferred'))}
            {header('avg', t('dashboard.breakdown.avgDuration'))}
          </tr>
        </thead>
        <tbody>
          {rows.map((item) => (
            <tr key={item.key ?? 'none'} className="border-b border-zinc-100">
              <th scope="row" className="px-3 py-2 text-start font-normal text-zinc-900">
                {item.key === null ? (
                  <span className="text-zinc-600">{t(`dashboard.breakdown.none.${breakdown.by}`)}</span>
                ) : breakdown.by === 'campaign' ? (
                  <button
                    type="button"
                    onClick={() => onCampaign(item.key as number)}
                    title={t('dashboard.breakdown.filterCampaign')}
                    className="cursor-pointer rounded text-start text-indigo-700 underline decoration-indigo-200 underline-offset-4 hover:decoration-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    {isolate(item.label)}
                  </button>
                ) : (
                  isolate(item.label)
                )}
              </th>
              <td className="px-3 py-2 text-end tabular-nums">{format.number(item.total)}</td>
              <td className="px-3 py-2 text-end tabular-nums">{format.number(item.connected)}</td>
              <td className="px-3 py-2 text-end tabular-nums">
                {item.total ? percent.format(item.connected / item.total) : t('common.none')}
              </td>
              <td className="px-3 py-2 text-end tabular-nums">{format.number(item.transferred)}</td>
              <td className="px-3 py-2 text-end tabular-nums">
                {item.avg_duration_seconds === null ? t('common.none') : seconds.format(item.avg_duration_seconds)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
