import type { ReactNode } from 'react';
import type { Column } from './data-table';

/** The last column: its header is for screen readers only, its buttons sit at the inline end. */
export function actionsColumn<Row>(label: string, cell: (row: Row) => ReactNode): Column<Row> {
  return { id: 'actions', header: <span className="sr-only">{label}</span>, className: 'text-end', cell };
}

/** A timestamp column: a `<time>` element with the machine value and the localised text. */
export function dateTimeColumn<Row>(
  id: string,
  header: string,
  value: (row: Row) => string,
  formatDateTime: (iso: string) => string,
): Column<Row> {
  return {
    id,
    header,
    className: 'whitespace-nowrap',
    cell: (row) => <time dateTime={value(row)}>{formatDateTime(value(row))}</time>,
  };
}
