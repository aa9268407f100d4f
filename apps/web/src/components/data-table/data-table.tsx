import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { Spinner } from '../ui/spinner';

export interface Column<Row> {
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Classes for both the header and the cells of this column. */
  className?: string;
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
}

export function DataTable<Row>({ caption, columns, rows, rowKey, loading, refreshing, empty, rowClassName }: DataTableProps<Row>) {
  const { t } = useTranslation();

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
        <thead>
          <tr className="border-b border-zinc-200 bg-zinc-50/80">
            {columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                className={cn('px-4 py-3 text-start text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase', column.className)}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className={cn('transition-colors hover:bg-zinc-50', rowClassName?.(row))}>
              {columns.map((column) => (
                <td key={column.id} className={cn('px-4 py-3 align-middle text-zinc-700', column.className)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
