import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import type { CallStatus, NumberResponse } from '@dialdeck/contracts/numbers';
import { DataTable, type Column } from '../../../components/data-table/data-table';
import { Button, type ButtonProps } from '../../../components/ui/button';
import { Checkbox } from '../../../components/ui/checkbox';
import { CompactSelect } from '../../../components/ui/form-field';
import { ArrowDownIcon, ArrowUpIcon, LockIcon, ResetIcon, SortIcon, TrashIcon } from '../../../components/ui/icons';
import { LtrText } from '../../../components/ui/ltr-text';
import { cn } from '../../../lib/cn';
import type { Formatters } from '../../../lib/use-format';
import { isSelected, type Selection } from '../number-selection';
import { isLockedFor, statusChoices } from '../number-status';
import type { SortKey, SortOrder } from '../numbers-search';
import { NumberHistoryDrawer } from './number-history-drawer';
import { NumberStatusBadge } from './number-status-badge';

export interface NumbersTableProps {
  rows: NumberResponse[] | undefined;
  loading: boolean;
  refreshing: boolean;
  empty: ReactNode;
  me: UserResponse;
  format: Formatters;
  sortBy: SortKey;
  sortOrder: SortOrder;
  onSort: (key: SortKey) => void;
  /** Admins select rows for bulk actions and exports; agents get no checkboxes. */
  selection?: {
    value: Selection;
    onToggle: (id: number, selected: boolean) => void;
    onTogglePage: (ids: number[], selected: boolean) => void;
  };
  /** Admins may reset and delete rows. */
  canManage: boolean;
  /** The id a row action is running on right now. */
  busyId: number | null;
  onStatusChange: (row: NumberResponse, status: CallStatus) => void;
  onReset: (row: NumberResponse) => void;
  onDelete: (row: NumberResponse) => void;
  /** A superuser's company=<slug>, for the number detail drawer. */
  company?: string;
}

function SortHeader({
  label,
  column,
  sortBy,
  sortOrder,
  onSort,
}: {
  label: string;
  column: SortKey;
  sortBy: SortKey;
  sortOrder: SortOrder;
  onSort: (key: SortKey) => void;
}) {
  const { t } = useTranslation();
  const active = sortBy === column;
  const Icon = !active ? SortIcon : sortOrder === 'asc' ? ArrowUpIcon : ArrowDownIcon;
  return (
    <button
      type="button"
      onClick={() => onSort(column)}
      className={cn(
        '-mx-1.5 inline-flex cursor-pointer items-center gap-1 rounded px-1.5 py-0.5 uppercase hover:bg-zinc-200/60 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-600',
        active && 'text-zinc-900',
      )}
      title={t('numbers.sortBy', { column: label })}
    >
      {label}
      <Icon className={cn('size-3.5', active ? 'text-indigo-600' : 'text-zinc-400')} />
      {active ? (
        <span className="sr-only">, {sortOrder === 'asc' ? t('numbers.sortedAscending') : t('numbers.sortedDescending')}</span>
      ) : null}
    </button>
  );
}

function ariaSort(column: SortKey, sortBy: SortKey, sortOrder: SortOrder) {
  if (column !== sortBy) return 'none' as const;
  return sortOrder === 'asc' ? ('ascending' as const) : ('descending' as const);
}

export function NumbersTable({
  rows,
  loading,
  refreshing,
  empty,
  me,
  format,
  sortBy,
  sortOrder,
  onSort,
  selection,
  canManage,
  busyId,
  onStatusChange,
  onReset,
  onDelete,
  company,
}: NumbersTableProps) {
  const { t } = useTranslation();
  // The number whose detail drawer is open (a row click or Enter on a focused row).
  const [opened, setOpened] = useState<{ id: number; phone_number: string } | null>(null);
  const pageIds = rows?.map((row) => row.id) ?? [];
  const pageSelected = selection ? pageIds.filter((id) => isSelected(selection.value, id)).length : 0;
  const allOnPage = pageIds.length > 0 && pageSelected === pageIds.length;

  const sortable = (column: SortKey, label: string) => (
    <SortHeader label={label} column={column} sortBy={sortBy} sortOrder={sortOrder} onSort={onSort} />
  );

  const columns: Column<NumberResponse>[] = [];
  if (selection) {
    columns.push({
      id: 'select',
      className: 'w-10 pe-0',
      header: (
        <Checkbox
          aria-label={t('numbers.selectPage')}
          checked={allOnPage}
          indeterminate={pageSelected > 0 && !allOnPage}
          disabled={pageIds.length === 0}
          onChange={(checked) => selection.onTogglePage(pageIds, checked)}
        />
      ),
      cell: (row) => (
        <Checkbox
          aria-label={t('numbers.selectRow', { phone: row.phone_number })}
          checked={isSelected(selection.value, row.id)}
          onChange={(checked) => selection.onToggle(row.id, checked)}
        />
      ),
    });
  }
  columns.push(
    {
      id: 'id',
      className: 'w-16 tabular-nums',
      ariaSort: ariaSort('id', sortBy, sortOrder),
      header: sortable('id', t('numbers.columns.id')),
      cell: (row) => <span className="text-zinc-500">{format.number(row.id)}</span>,
    },
    {
      id: 'phone',
      header: t('numbers.columns.phone'),
      className: 'whitespace-nowrap',
      cell: (row) => <LtrText className="font-medium text-zinc-900 tabular-nums">{row.phone_number}</LtrText>,
    },
    {
      id: 'status',
      ariaSort: ariaSort('status', sortBy, sortOrder),
      header: sortable('status', t('numbers.columns.status')),
      cell: (row) => <NumberStatusBadge status={row.status} />,
    },
    {
      id: 'attempts',
      className: 'text-center tabular-nums',
      header: t('numbers.columns.attempts'),
      cell: (row) => format.number(row.total_attempts),
    },
    {
      id: 'last_attempt',
      className: 'whitespace-nowrap',
      ariaSort: ariaSort('last_attempt_at', sortBy, sortOrder),
      header: sortable('last_attempt_at', t('numbers.columns.lastAttempt')),
      cell: (row) =>
        row.last_attempt_at ? (
          <time dateTime={row.last_attempt_at}>{format.dateTime(row.last_attempt_at)}</time>
        ) : (
          <span className="text-zinc-400">{t('common.none')}</span>
        ),
    },
    {
      id: 'agent',
      header: t('numbers.columns.agent'),
      cell: (row) =>
        row.agent_name ? (
          <span className="block max-w-36 truncate">{row.agent_name}</span>
        ) : (
          <span className="text-zinc-400">{t('common.none')}</span>
        ),
    },
    {
      id: 'message',
      header: t('numbers.columns.message'),
      cell: (row) =>
        row.last_user_message ? (
          <span className="block max-w-48 truncate" title={row.last_user_message} dir="auto">
            {row.last_user_message}
          </span>
        ) : (
          <span className="text-zinc-400">{t('common.none')}</span>
        ),
    },
    {
      id: 'actions',
      className: 'text-end',
      header: <span className="sr-only">{t('numbers.columns.actions')}</span>,
      cell: (row) => (
        <RowActions
          row={row}
          me={me}
          canManage={canManage}
          busy={busyId === row.id}
          onStatusChange={onStatusChange}
          onReset={onReset}
          onDelete={onDelete}
        />
      ),
    },
  );

  return (
    <>
      <DataTable
        caption={t('numbers.title')}
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        loading={loading}
        refreshing={refreshing}
        empty={empty}
        skeletonRows={8}
        isSelected={selection ? (row) => isSelected(selection.value, row.id) : undefined}
        onRowActivate={(row) => setOpened({ id: row.id, phone_number: row.phone_number })}
      />
      <NumberHistoryDrawer number={opened} company={company} format={format} onClose={() => setOpened(null)} />
    </>
  );
}

interface RowActionsProps {
  row: NumberResponse;
  me: UserResponse;
  canManage: boolean;
  busy: boolean;
  onStatusChange: (row: NumberResponse, status: CallStatus) => void;
  onReset: (row: NumberResponse) => void;
  onDelete: (row: NumberResponse) => void;
}

function RowActions({ row, me, canManage, busy, onStatusChange, onReset, onDelete }: RowActionsProps) {
  const { t } = useTranslation();
  const choices = statusChoices(me, row.status).filter((status) => status !== row.status);
  const locked = isLockedFor(me, row.status);
  const lockedHint = locked ? t('numbers.row.finalHint', { status: t(`numbers.statuses.${row.status}`) }) : undefined;

  return (
    // data-row-control: a press anywhere on the actions (a disabled button's wrapper too) does not open the row.
    <div className="flex items-center justify-end gap-1" data-row-control>
      {/* A disabled control gets no hover events: the tooltip sits on its wrapper. */}
      <span title={lockedHint} className="inline-flex items-center gap-1">
        {locked ? <LockIcon className="size-3.5 text-zinc-400" /> : null}
        <CompactSelect
          label={t('numbers.row.changeStatusLabel', { phone: row.phone_number })}
          value=""
          disabled={locked || busy || choices.length === 0}
          aria-description={lockedHint}
          onChange={(e) => {
            const next = choices.find((status) => status === e.target.value);
            if (next) onStatusChange(row, next);
          }}
          className="h-8 w-36 text-xs"
        >
          <option value="" disabled>
            {t('numbers.row.changeStatus')}
          </option>
          {choices.map((status) => (
            <option key={status} value={status}>
              {t(`numbers.statuses.${status}`)}
            </option>
          ))}
        </CompactSelect>
      </span>
      {canManage ? (
        <>
          <RowButton
            variant="ghost"
            label={t('numbers.row.resetLabel', { phone: row.phone_number })}
            lockedHint={lockedHint}
            disabled={locked || busy || row.status === 'IN_QUEUE'}
            onClick={() => onReset(row)}
            icon={<ResetIcon className="size-4" />}
          />
          <RowButton
            variant="danger-ghost"
            label={t('numbers.row.deleteLabel', { phone: row.phone_number })}
            lockedHint={lockedHint}
            disabled={locked || busy}
            onClick={() => onDelete(row)}
            icon={<TrashIcon className="size-4" />}
          />
        </>
      ) : null}
    </div>
  );
}

/** An icon-only row button, named by `label`; on a final status its tooltip says why it is disabled. */
function RowButton({
  label,
  lockedHint,
  ...props
}: { label: string; lockedHint: string | undefined } & Pick<ButtonProps, 'variant' | 'disabled' | 'onClick' | 'icon'>) {
  return <Button size="sm" className="px-2" aria-label={label} title={lockedHint ?? label} {...props} />;
}
