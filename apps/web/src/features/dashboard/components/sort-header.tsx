import { useTranslation } from 'react-i18next';
import { ArrowDownIcon, ArrowUpIcon, SortIcon } from '../../../components/ui/icons';
import { cn } from '../../../lib/cn';

export type SortOrder = 'asc' | 'desc';

export function ariaSortOf(active: boolean, order: SortOrder) {
  if (!active) return 'none' as const;
  return order === 'asc' ? ('ascending' as const) : ('descending' as const);
}

/** A column header that sorts the table by itself; a second click reverses the order. */
export function SortHeader({ label, active, order, onSort }: { label: string; active: boolean; order: SortOrder; onSort: () => void }) {
  const { t } = useTranslation();
  const Icon = !active ? SortIcon : order === 'asc' ? ArrowUpIcon : ArrowDownIcon;
  return (
    <button
      type="button"
      onClick={onSort}
      className={cn(
        '-mx-1.5 inline-flex cursor-pointer items-center gap-1 rounded px-1.5 py-0.5 uppercase hover:bg-zinc-200/60 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-600',
        active && 'text-zinc-900',
      )}
      title={t('numbers.sortBy', { column: label })}
    >
      {label}
      <Icon className={cn('size-3.5', active ? 'text-indigo-600' : 'text-zinc-400')} />
      {active ? <span className="sr-only">, {order === 'asc' ? t('numbers.sortedAscending') : t('numbers.sortedDescending')}</span> : null}
    </button>
  );
}
