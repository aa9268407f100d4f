import type { AriaAttributes, KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { Spinner } from '../ui/spinner';

export interface Column<Row> {
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Classes for both the header and the cells of this column. */
  className?: string;
  /** For a sortable column: how the rows are sorted by it right now. */
  ariaSort?: AriaAttributes['aria-sort'];
}

export interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[] | undefined;
  rowKey: (row: Row) => string | number;
  /** First load: no rows yet. */
  loading?: boolean;
  /** A refetch with rows already shown (paging, searching). */
  refreshing?: boolean;
  empty: ReactNode;
  rowClassName?: (row: Row) => string | undefined;
  /** First load shows this many placeholder rows under the real headers instead of a spinner. */
  skeletonRows?: number;
  /** Marks a row as selected (aria-selected and a tint). */
  isSelected?: (row: Row) => boolean;
  /**
   * Opens a row (its detail): a click on the row, or Enter on the focused row. Clicks on
   * the row's own controls (checkboxes, buttons, links, fields) stay theirs.
   */
  onRowActivate?: (row: Row) => void;
}

/** A click or key press that belongs to a control inside the row, not to the row. */
const ROW_CONTROLS =
  'a, button, input, select, textarea, label, summary, [role="button"], [role="checkbox"], [role="menu"], [role="menuitem"], [data-row-control]';

function fromControl(event: MouseEvent | KeyboardEvent): boolean {
  const target = event.target as Element | null;
  const control = target?.closest?.(ROW_CONTROLS);
  return !!control && control !== event.currentTarget && event.currentTarget.contains(control);
}

export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  loading,
  refreshing,
  empty,
  rowClassName,
  skeletonRows,
  isSelected,
  onRowActivate,
}: DataTableProps<Row>) {
  const { t } = useTranslation();

  const head = (
    <thead>
      <tr className="border-b border-zinc-200 bg-zinc-50/80">
        {columns.map((column) => (
          <th
            key={column.id}
            scope="col"
            aria-sort={column.ariaSort}
            className={cn(
              'px-4 py-3 text-start text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase',
              column.className,
            )}
          >
            {column.header}
          </th>
        ))}
      </tr>
    </thead>
  );

  if (loading && !rows && skeletonRows) {
    return (
      <div role="status" aria-label={t('common.loading')} className="overflow-x-auto">
        <table className="w-full border-collapse text-sm" aria-hidden="true">
          {head}
          <tbody className="divide-y divide-zinc-100">
            {Array.from({ length: skeletonRows }, (_, i) => (
              <tr key={i}>
                {columns.map((column, c) => (
                  <td key={column.id} className={cn('px-4 py-3.5', column.className)}>
                    <span
                      className={cn(
                        'block h-3.5 animate-pulse rounded bg-zinc-200/80',
                        c === 0 ? 'w-4' : (i + c) % 3 === 0 ? 'w-24' : 'w-16',
                      )}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  if (loading && !rows) {
    return (
      <div role="status" className="flex items-center justify-center gap-3 px-6 py-16 text-sm text-zinc-500">
        <Spinner className="size-5 text-indigo-600" />
        {t('common.loading')}
      </div>
    );
  }

  if (!rows || rows.length === 0) return <>{empty}</>;

  return (
    <div className="relative overflow-x-auto" aria-busy={refreshing || undefined}>
      {refreshing ? <div aria-hidden="true" className="absolute inset-x-0 top-0 h-0.5 animate-pulse bg-indigo-500" /> : null}
      <table className={cn('w-full border-collapse text-sm', refreshing && 'opacity-70')}>
        <caption className="sr-only">{caption}</caption>
        {head}
        <tbody className="divide-y divide-zinc-100">
          {rows.map((row) => {
            const selected = isSelected?.(row);
            return (
              <tr
                key={rowKey(row)}
                aria-selected={isSelected ? selected : undefined}
                tabIndex={onRowActivate ? 0 : undefined}
                data-activatable={onRowActivate ? '' : undefined}
                onClick={
                  onRowActivate
                    ? (event) => {
                        // A drag that selected text is not a click on the row.
                        if (fromControl(event) || window.getSelection()?.toString()) return;
                        onRowActivate(row);
                      }
                    : undefined
                }
                onKeyDown={
                  onRowActivate
                    ? (event) => {
                        if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
                        event.preventDefault();
                        onRowActivate(row);
                      }
                    : undefined
                }
                className={cn(
                  'transition-colors',
                  onRowActivate &&
                    'cursor-pointer focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600',
                  selected ? 'bg-indigo-50/60 hover:bg-indigo-50' : 'hover:bg-zinc-50',
                  rowClassName?.(row),
                )}
              >
                {columns.map((column) => (
                  <td key={column.id} className={cn('px-4 py-3 align-middle text-zinc-700', column.className)}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
